import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { toCheckView, type CheckView } from './dto/check-view';
import { RunnerService } from './runner.service';

@Controller('api/checks')
export class ChecksController {
  constructor(@Inject(RunnerService) private readonly runner: RunnerService) {}

  @Get()
  list(): { checks: CheckView[] } {
    return {
      checks: this.runner.checks().map((check) => toCheckView(check, this.runner.latest(check.name))),
    };
  }

  @Get(':name')
  get(@Param('name') name: string): CheckView {
    const check = this.runner.check(name);
    if (!check) {
      throw new NotFoundException(`unknown check '${name}'`);
    }
    return toCheckView(check, this.runner.latest(name));
  }
}
