import { instantQueryResponse } from './query-response';

describe('instantQueryResponse', () => {
  it('uses the evaluation time in float seconds and Prometheus value strings', () => {
    const body = instantQueryResponse(
      {
        resultType: 'vector',
        result: [
          { metric: { __name__: 'a' }, value: 1e-7 },
          { metric: { __name__: 'b' }, value: Infinity },
        ],
      },
      1_700_000_000_123,
    );
    expect(body).toEqual({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { __name__: 'a' }, value: [1_700_000_000.123, '1e-07'] },
          { metric: { __name__: 'b' }, value: [1_700_000_000.123, '+Inf'] },
        ],
      },
    });
  });
});
