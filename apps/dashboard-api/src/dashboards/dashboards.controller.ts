import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import type { DashboardResponse, DashboardSummary } from './dashboard.types';
import { isDashboardName } from './dashboard-definitions';
import { DashboardParamError, parseDashboardParams } from './dashboard-params';
import { DashboardsService } from './dashboards.service';

@Controller('api/dashboards')
export class DashboardsController {
  constructor(@Inject(DashboardsService) private readonly dashboards: DashboardsService) {}

  @Get()
  list(): { dashboards: DashboardSummary[] } {
    return { dashboards: this.dashboards.list() };
  }

  @Get(':name')
  @Header('Cache-Control', 'no-store')
  async get(
    @Param('name') name: string,
    @Query('range') range: unknown,
    @Query('step') step: unknown,
  ): Promise<DashboardResponse> {
    if (!isDashboardName(name)) {
      throw new NotFoundException({ statusCode: 404, error: `no dashboard named '${name}'` });
    }
    try {
      return await this.dashboards.render(name, parseDashboardParams(range, step));
    } catch (error) {
      if (error instanceof DashboardParamError) {
        throw new BadRequestException({ statusCode: 400, error: error.message, parameter: error.parameter });
      }
      throw error;
    }
  }
}
