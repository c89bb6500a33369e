import { Module, type DynamicModule } from '@nestjs/common';
import { PrometheusQueryClient } from '@neo/query-client';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { DASHBOARD_QUERY_CLIENT } from './dashboards.tokens';

export interface DashboardsOptions {
  readonly queryUrl: string;
  readonly queryTimeoutMs: number;
}

/** Built-in dashboards read through `@neo/query-client`, the same client the alerter evaluates rules with. */
@Module({})
export class DashboardsModule {
  static forRoot(options: DashboardsOptions): DynamicModule {
    return {
      module: DashboardsModule,
      controllers: [DashboardsController],
      providers: [
        {
          provide: DASHBOARD_QUERY_CLIENT,
          useFactory: () =>
            new PrometheusQueryClient({ url: options.queryUrl, timeoutMs: options.queryTimeoutMs }),
        },
        DashboardsService,
      ],
    };
  }
}
