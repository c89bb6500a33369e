import { describeExpectation, evaluateResponse, statusMatches } from './evaluate-response';

describe('evaluateResponse', () => {
  it('succeeds on any 2xx by default', () => {
    expect(evaluateResponse({ expectedStatus: '2xx' }, { statusCode: 204, durationMs: 5 })).toEqual({
      success: true,
    });
    expect(evaluateResponse({ expectedStatus: '2xx' }, { statusCode: 301, durationMs: 5 })).toEqual({
      success: false,
      error: 'expected status 2xx, got 301',
    });
  });

  it('names the expected code or list when the status does not match', () => {
    expect(evaluateResponse({ expectedStatus: [200] }, { statusCode: 503, durationMs: 5 }).error).toBe(
      'expected status 200, got 503',
    );
    expect(evaluateResponse({ expectedStatus: [200, 204] }, { statusCode: 500, durationMs: 5 }).error).toBe(
      'expected status one of 200, 204, got 500',
    );
  });

  it('accepts a listed non-2xx status', () => {
    expect(evaluateResponse({ expectedStatus: [401, 403] }, { statusCode: 401, durationMs: 1 }).success).toBe(
      true,
    );
  });

  it('fails when latency exceeds max_latency, and not when it equals it', () => {
    const check = { expectedStatus: '2xx' as const, maxLatencyMs: 500 };
    expect(evaluateResponse(check, { statusCode: 200, durationMs: 812.4 })).toEqual({
      success: false,
      error: 'latency 812ms exceeds max_latency 500ms',
    });
    expect(evaluateResponse(check, { statusCode: 200, durationMs: 500 }).success).toBe(true);
  });

  it('reports a status mismatch before latency', () => {
    const check = { expectedStatus: [200], maxLatencyMs: 10 };
    expect(evaluateResponse(check, { statusCode: 503, durationMs: 900 }).error).toBe(
      'expected status 200, got 503',
    );
  });

  it('passes a transport failure through as the reason', () => {
    expect(
      evaluateResponse(
        { expectedStatus: '2xx' },
        { failure: 'connect ECONNREFUSED 127.0.0.1:1', durationMs: 1 },
      ),
    ).toEqual({ success: false, error: 'connect ECONNREFUSED 127.0.0.1:1' });
  });

  it('describes and matches expectations', () => {
    expect(describeExpectation('2xx')).toBe('2xx');
    expect(statusMatches('2xx', 200)).toBe(true);
    expect(statusMatches('2xx', 300)).toBe(false);
    expect(statusMatches([418], 418)).toBe(true);
  });
});
