/** Injection token of the dashboards' PrometheusQueryClient. */
export const DASHBOARD_QUERY_CLIENT = Symbol.for('neo.dashboard-api.query-client');
