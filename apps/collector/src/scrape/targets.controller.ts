import { Controller, Get, Inject } from '@nestjs/common';
import { TargetHealthBook } from './target-health';
import { targetsResponse } from './targets-response';

@Controller('api/v1')
export class TargetsController {
  constructor(@Inject(TargetHealthBook) private readonly book: TargetHealthBook) {}

  /** Every configured target with its latest health, in Prometheus' `/api/v1/targets` shape. */
  @Get('targets')
  targets() {
    return targetsResponse(this.book.list());
  }
}
