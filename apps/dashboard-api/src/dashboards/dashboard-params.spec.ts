import { DashboardParamError, parseDashboardParams } from './dashboard-params';

function paramError(range: unknown, step: unknown): DashboardParamError {
  try {
    parseDashboardParams(range, step);
  } catch (error) {
    if (error instanceof DashboardParamError) return error;
    throw error;
  }
  throw new Error('expected a DashboardParamError');
}

describe('dashboard range and step', () => {
  it('defaults to one hour at 60 s steps', () => {
    expect(parseDashboardParams(undefined, undefined)).toEqual({ rangeMs: 3_600_000, stepSeconds: 60 });
    expect(parseDashboardParams('', '')).toEqual({ rangeMs: 3_600_000, stepSeconds: 60 });
  });

  it('reads Prometheus durations', () => {
    expect(parseDashboardParams('6h', '5m')).toEqual({ rangeMs: 6 * 3_600_000, stepSeconds: 300 });
    expect(parseDashboardParams('1h30m', '15s')).toEqual({ rangeMs: 5_400_000, stepSeconds: 15 });
  });

  it('names the bad parameter', () => {
    expect(paramError('soon', '60s')).toMatchObject({ parameter: 'range' });
    expect(paramError('0', '60s')).toMatchObject({ parameter: 'range' });
    expect(paramError('60d', '1h')).toMatchObject({ parameter: 'range' });
    expect(paramError('1h', 'often')).toMatchObject({ parameter: 'step' });
    expect(paramError('1h', '500ms')).toMatchObject({ parameter: 'step' });
    expect(paramError('1h', '2h')).toMatchObject({ parameter: 'step' });
    expect(paramError('30d', '1s')).toMatchObject({ parameter: 'step' });
    expect(paramError(['1h', '2h'], '60s')).toMatchObject({ parameter: 'range' });
    expect(paramError('1h', 'x').message).toMatch(/^invalid step: 'x'/);
  });
});
