import { DASHBOARD_NAMES } from './dashboard.types';
import { DASHBOARDS, isDashboardName } from './dashboard-definitions';

describe('built-in dashboards', () => {
  it('defines executive, operational, performance and security, each under its own name', () => {
    for (const name of DASHBOARD_NAMES) {
      expect(DASHBOARDS[name].name).toBe(name);
      expect(DASHBOARDS[name].panels.length).toBeGreaterThan(0);
    }
    expect(Object.keys(DASHBOARDS).sort()).toEqual([...DASHBOARD_NAMES].sort());
  });

  it('gives every panel a unique id within its dashboard and a query', () => {
    for (const name of DASHBOARD_NAMES) {
      const ids = DASHBOARDS[name].panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of DASHBOARDS[name].panels) expect(panel.query.trim()).not.toBe('');
    }
  });

  it("reads NEO's own series", () => {
    const queries = (name: (typeof DASHBOARD_NAMES)[number]): string[] =>
      DASHBOARDS[name].panels.map((panel) => panel.query);
    expect(queries('executive')).toEqual(
      expect.arrayContaining(['sum(up)', 'avg(probe_success)', 'count(ALERTS{alertstate="firing"})']),
    );
    expect(queries('performance')).toContain(
      'histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))',
    );
    expect(queries('security').join(' ')).toContain('security_events_total');
    expect(queries('security').join(' ')).toContain('status_class="5xx"');
  });

  it('shows 0 firing alerts when ALERTS is absent', () => {
    const firing = DASHBOARDS.executive.panels.find((panel) => panel.id === 'firing-alerts');
    expect(firing).toMatchObject({ kind: 'stat', absentValue: 0 });
  });

  it('knows only its own names', () => {
    expect(isDashboardName('security')).toBe(true);
    expect(isDashboardName('toString')).toBe(false);
    expect(isDashboardName('nope')).toBe(false);
  });
});
