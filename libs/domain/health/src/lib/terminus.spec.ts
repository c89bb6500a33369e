import { componentsFromTerminus, serviceStatusFromTerminus, TerminusBody } from './terminus';

const failing: TerminusBody = {
  status: 'error',
  info: { redis: { status: 'up' } },
  error: { smtp: { status: 'down', message: 'connect ECONNREFUSED' } },
  details: { redis: { status: 'up' }, smtp: { status: 'down', message: 'connect ECONNREFUSED' } },
};

describe('componentsFromTerminus', () => {
  it('maps details, taking messages when present', () => {
    expect(componentsFromTerminus(failing)).toEqual([
      { name: 'redis', status: 'up', critical: true },
      { name: 'smtp', status: 'down', critical: true, message: 'connect ECONNREFUSED' },
    ]);
  });

  it('treats any status other than up as down', () => {
    const body: TerminusBody = { status: 'error', details: { disk: { status: 'unknown' } } };
    expect(componentsFromTerminus(body)[0].status).toBe('down');
  });

  it('marks only the named components critical when names are given', () => {
    const components = componentsFromTerminus(failing, ['redis']);
    expect(components.map((c) => [c.name, c.critical])).toEqual([
      ['redis', true],
      ['smtp', false],
    ]);
  });

  it('falls back to info and error when details are missing', () => {
    const { details: _details, ...body } = failing;
    expect(componentsFromTerminus(body).map((c) => c.name)).toEqual(['redis', 'smtp']);
  });

  it('ignores non-string messages', () => {
    const body: TerminusBody = { status: 'error', details: { x: { status: 'down', message: 42 } } };
    expect(componentsFromTerminus(body)[0]).not.toHaveProperty('message');
  });
});

describe('serviceStatusFromTerminus', () => {
  it('maps ok to up and shutting_down to down', () => {
    expect(serviceStatusFromTerminus({ status: 'ok', details: {} })).toBe('up');
    expect(serviceStatusFromTerminus({ status: 'shutting_down' })).toBe('down');
  });

  it('maps error to down when a critical component failed', () => {
    expect(serviceStatusFromTerminus(failing)).toBe('down');
    expect(serviceStatusFromTerminus(failing, ['smtp'])).toBe('down');
  });

  it('maps error to degraded when only non-critical components failed', () => {
    expect(serviceStatusFromTerminus(failing, ['redis'])).toBe('degraded');
  });

  it('maps an error without failing indicators to down', () => {
    expect(serviceStatusFromTerminus({ status: 'error' }, [])).toBe('down');
  });
});
