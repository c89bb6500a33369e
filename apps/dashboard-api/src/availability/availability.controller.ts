import { Controller, Get, Inject, Param } from '@nestjs/common';
import { AvailabilityService, type AvailabilityReport } from './availability.service';

@Controller('api/checks')
export class AvailabilityController {
  constructor(@Inject(AvailabilityService) private readonly availability: AvailabilityService) {}

  /**
   * Availability over 24h/7d/30d (maintenance excluded), p50/p95/p99, last-hour p95 against the 7-day baseline.
   * Reading also re-evaluates the regression, so a flip is announced as soon as someone looks.
   */
  @Get(':name/availability')
  get(@Param('name') name: string): Promise<AvailabilityReport> {
    return this.availability.evaluate(name);
  }
}
