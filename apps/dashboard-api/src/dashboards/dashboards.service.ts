import { Inject, Injectable } from '@nestjs/common';
import type { PrometheusQueryClient } from '@neo/query-client';
import {
  DASHBOARD_NAMES,
  type DashboardName,
  type DashboardResponse,
  type DashboardSummary,
} from './dashboard.types';
import { DASHBOARDS } from './dashboard-definitions';
import type { DashboardParams } from './dashboard-params';
import { DASHBOARD_QUERY_CLIENT } from './dashboards.tokens';
import { runPanel } from './panel-runner';

@Injectable()
export class DashboardsService {
  constructor(@Inject(DASHBOARD_QUERY_CLIENT) private readonly client: PrometheusQueryClient) {}

  list(): DashboardSummary[] {
    return DASHBOARD_NAMES.map((name) => {
      const { title, description, panels } = DASHBOARDS[name];
      return { name, title, description, panels: panels.length };
    });
  }

  /** Runs every panel of `name` concurrently over the window ending now. */
  async render(name: DashboardName, params: DashboardParams, now = new Date()): Promise<DashboardResponse> {
    const dashboard = DASHBOARDS[name];
    const window = {
      start: new Date(now.getTime() - params.rangeMs),
      end: now,
      stepSeconds: params.stepSeconds,
    };
    const panels = await Promise.all(dashboard.panels.map((panel) => runPanel(this.client, panel, window)));
    return {
      name,
      title: dashboard.title,
      generatedAt: now.toISOString(),
      range: { start: window.start.toISOString(), end: now.toISOString(), stepSeconds: params.stepSeconds },
      panels,
    };
  }
}
