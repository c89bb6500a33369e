import type { Labels } from '@neo/domain-metric';

export const DASHBOARD_NAMES = ['executive', 'operational', 'performance', 'security'] as const;
export type DashboardName = (typeof DASHBOARD_NAMES)[number];

export type PanelKind = 'stat' | 'timeseries';

/** One panel of a built-in dashboard: a PromQL expression and how to show it. */
export interface PanelDefinition {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly query: string;
  readonly kind: PanelKind;
  /** A stat whose query returns no series shows this (e.g. `count(ALERTS...)` is absent when none fire). */
  readonly absentValue?: number;
}

export interface DashboardDefinition {
  readonly name: DashboardName;
  readonly title: string;
  readonly description: string;
  readonly panels: readonly PanelDefinition[];
}

/** A stat's data: every series at the instant, and `value` when there is exactly one (or the absent value). */
export interface StatData {
  readonly value: number | null;
  readonly series: readonly {
    readonly metric: Labels;
    readonly value: number;
    readonly timestampMs: number;
  }[];
}

/** A time series' data: each series' points in time order. */
export interface TimeseriesData {
  readonly series: readonly {
    readonly metric: Labels;
    readonly values: readonly { readonly timestampMs: number; readonly value: number }[];
  }[];
}

export type PanelResult = Omit<PanelDefinition, 'absentValue'> &
  ({ readonly data: StatData | TimeseriesData } | { readonly error: string });

export interface DashboardResponse {
  readonly name: DashboardName;
  readonly title: string;
  readonly generatedAt: string;
  readonly range: { readonly start: string; readonly end: string; readonly stepSeconds: number };
  readonly panels: readonly PanelResult[];
}

export interface DashboardSummary {
  readonly name: DashboardName;
  readonly title: string;
  readonly description: string;
  readonly panels: number;
}
