import type { PrometheusQueryClient } from '@neo/query-client';
import type { PanelDefinition, PanelResult, StatData, TimeseriesData } from './dashboard.types';

export type PanelQueries = Pick<PrometheusQueryClient, 'instantQuery' | 'rangeQuery'>;

export interface PanelWindow {
  readonly start: Date;
  readonly end: Date;
  readonly stepSeconds: number;
}

async function statData(client: PanelQueries, panel: PanelDefinition, at: Date): Promise<StatData> {
  const result = await client.instantQuery(panel.query, at);
  if (result.resultType === 'scalar') return { value: result.result.value, series: [] };
  const series = result.result;
  if (series.length === 1) return { value: series[0].value, series };
  return { value: series.length === 0 ? (panel.absentValue ?? null) : null, series };
}

async function timeseriesData(
  client: PanelQueries,
  panel: PanelDefinition,
  window: PanelWindow,
): Promise<TimeseriesData> {
  const result = await client.rangeQuery(panel.query, window.start, window.end, window.stepSeconds);
  return { series: result.result };
}

/** Runs one panel's query; a failure becomes that panel's `error`, never the whole dashboard's. */
export async function runPanel(
  client: PanelQueries,
  panel: PanelDefinition,
  window: PanelWindow,
): Promise<PanelResult> {
  const { absentValue: _absent, ...shown } = panel;
  try {
    const data =
      panel.kind === 'stat'
        ? await statData(client, panel, window.end)
        : await timeseriesData(client, panel, window);
    return { ...shown, data };
  } catch (error) {
    return { ...shown, error: error instanceof Error ? error.message : String(error) };
  }
}
