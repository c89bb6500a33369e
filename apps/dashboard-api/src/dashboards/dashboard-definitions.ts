import type { DashboardDefinition, DashboardName, PanelDefinition } from './dashboard.types';

const RATE_WINDOW = '5m';

function stat(id: string, title: string, unit: string, query: string, absentValue?: number): PanelDefinition {
  return absentValue === undefined
    ? { id, title, unit, query, kind: 'stat' }
    : { id, title, unit, query, kind: 'stat', absentValue };
}

function timeseries(id: string, title: string, unit: string, query: string): PanelDefinition {
  return { id, title, unit, query, kind: 'timeseries' };
}

const requestRate = `sum(rate(http_requests_total[${RATE_WINDOW}]))`;

/** The built-in dashboards, over the series NEO's services and collector expose. */
export const DASHBOARDS: Readonly<Record<DashboardName, DashboardDefinition>> = {
  executive: {
    name: 'executive',
    title: 'Executive overview',
    description: 'Is everything up, are the checks passing, is anything firing, how busy are we.',
    panels: [
      stat('services-up', 'Targets up', 'count', 'sum(up)'),
      stat('availability', 'Check availability', 'ratio', 'avg(probe_success)'),
      stat('firing-alerts', 'Firing alerts', 'count', 'count(ALERTS{alertstate="firing"})', 0),
      stat('request-rate', 'Request rate', 'req/s', requestRate),
      timeseries('request-rate-trend', 'Request rate', 'req/s', requestRate),
    ],
  },
  operational: {
    name: 'operational',
    title: 'Operations',
    description: 'Scrape targets, scrape cost and synthetic check timings.',
    panels: [
      stat('targets-up', 'Target up by job/instance', 'bool', 'max by (job, instance) (up)'),
      timeseries(
        'scrape-duration',
        'Scrape duration',
        's',
        'max by (job, instance) (scrape_duration_seconds)',
      ),
      timeseries('probe-duration', 'Check duration', 's', 'max by (job, instance) (probe_duration_seconds)'),
      timeseries('probe-success', 'Check success', 'bool', 'min by (job, instance) (probe_success)'),
    ],
  },
  performance: {
    name: 'performance',
    title: 'Performance',
    description: 'Latency, throughput and event-loop lag by service.',
    panels: [
      timeseries(
        'latency-p95',
        'p95 latency by service',
        's',
        `histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket[${RATE_WINDOW}])))`,
      ),
      timeseries(
        'request-rate-by-service',
        'Request rate by service',
        'req/s',
        `sum by (service) (rate(http_requests_total[${RATE_WINDOW}]))`,
      ),
      timeseries(
        'event-loop-lag',
        'Event-loop lag p99 by service',
        's',
        'max by (service) (nodejs_eventloop_lag_p99_seconds)',
      ),
    ],
  },
  security: {
    name: 'security',
    title: 'Security',
    description: 'Requests flagged by the security middleware and error responses.',
    panels: [
      stat(
        'security-events',
        'Security events',
        'events/s',
        `sum(rate(security_events_total[${RATE_WINDOW}]))`,
        0,
      ),
      timeseries(
        'security-events-by-kind',
        'Security events by kind',
        'events/s',
        `sum by (kind) (rate(security_events_total[${RATE_WINDOW}]))`,
      ),
      timeseries(
        'client-errors',
        '4xx rate by service',
        'req/s',
        `sum by (service) (rate(http_requests_total{status_class="4xx"}[${RATE_WINDOW}]))`,
      ),
      timeseries(
        'server-errors',
        '5xx rate by service',
        'req/s',
        `sum by (service) (rate(http_requests_total{status_class="5xx"}[${RATE_WINDOW}]))`,
      ),
    ],
  },
};

export function isDashboardName(name: string): name is DashboardName {
  return Object.hasOwn(DASHBOARDS, name);
}
