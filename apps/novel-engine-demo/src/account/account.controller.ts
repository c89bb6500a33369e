import { Controller, Get, Headers, Inject, UnauthorizedException } from '@nestjs/common';
import { ObservabilityLogger } from '@neo/instrumentation';

/** Demo credential; a real service would verify a session or a signed token. */
const DEMO_TOKEN = 'Bearer demo-reader';

/** A protected route, so failed logins (401) show up in security logs, metrics and events. */
@Controller('account')
export class AccountController {
  constructor(@Inject(ObservabilityLogger) private readonly log: ObservabilityLogger) {}

  @Get()
  account(@Headers('authorization') authorization: string | undefined): { user: string; plan: string } {
    if (authorization !== DEMO_TOKEN) throw new UnauthorizedException();
    this.log.audit.record({
      actor: 'u_demo',
      action: 'account.read',
      target: { type: 'account', id: 'u_demo' },
      outcome: 'success',
    });
    return { user: 'u_demo', plan: 'writer' };
  }
}
