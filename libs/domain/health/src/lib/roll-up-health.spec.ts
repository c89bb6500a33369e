import { ComponentHealth } from './component-health';
import { rollUpHealth } from './roll-up-health';

const c = (status: ComponentHealth['status'], critical: boolean): ComponentHealth => ({
  name: `${status}-${critical}`,
  status,
  critical,
});

describe('rollUpHealth', () => {
  it('is up with no components', () => {
    expect(rollUpHealth([])).toBe('up');
  });

  it('is up when everything is up', () => {
    expect(rollUpHealth([c('up', true), c('up', false)])).toBe('up');
  });

  it('is down when a critical component is down', () => {
    expect(rollUpHealth([c('up', false), c('down', true)])).toBe('down');
  });

  it('is degraded when only a non-critical component is down', () => {
    expect(rollUpHealth([c('up', true), c('down', false)])).toBe('degraded');
  });

  it('is degraded when any component is degraded, critical or not', () => {
    expect(rollUpHealth([c('degraded', true)])).toBe('degraded');
    expect(rollUpHealth([c('degraded', false), c('up', true)])).toBe('degraded');
  });

  it('lets critical down win over degraded', () => {
    expect(rollUpHealth([c('degraded', false), c('down', true)])).toBe('down');
  });
});
