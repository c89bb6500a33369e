import { timingSafeEqual } from 'node:crypto';
import { Controller, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { expandSecrets } from '../secrets/expand-secrets';
import { RunnerService } from '../runner/runner.service';

/** Heartbeats for push checks: a service calls `POST /api/push/<token>` at least once per interval. */
@Controller('api/push')
export class PushController {
  constructor(@Inject(RunnerService) private readonly runner: RunnerService) {}

  @Post(':token')
  @HttpCode(200)
  async push(@Param('token') token: string): Promise<{ ok: true; check: string }> {
    const check = this.runner.checks().find((c) => c.kind === 'push' && sameToken(c.token, token));
    // The same answer for every unknown token, and the token is never logged: it is the credential.
    if (!check) throw new NotFoundException('unknown push token');
    await this.runner.pushes.record(check.name, Date.now());
    return { ok: true, check: check.name };
  }
}

function sameToken(configured: string, given: string): boolean {
  let expected: string;
  try {
    expected = expandSecrets(configured);
  } catch {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
