import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { OverviewResponse } from './dto/overview.dto';
import { OverviewService } from './overview.service';

@Controller('api/overview')
export class OverviewController {
  constructor(@Inject(OverviewService) private readonly overview: OverviewService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(): OverviewResponse {
    return this.overview.overview();
  }
}
