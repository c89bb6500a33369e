import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import type { CheckView } from './dto/check-view';
import { RunnerService } from './runner.service';

/** This replica's view of the checks (file and API-made) with their latest results here. */
@Controller('api/checks')
export class ChecksController {
  constructor(@Inject(RunnerService) private readonly runner: RunnerService) {}

  @Get()
  list(): { checks: CheckView[] } {
    return { checks: this.runner.views() };
  }

  @Get(':name')
  get(@Param('name') name: string): CheckView {
    const view = this.runner.view(name);
    if (!view) throw new NotFoundException(`unknown check '${name}'`);
    return view;
  }
}
