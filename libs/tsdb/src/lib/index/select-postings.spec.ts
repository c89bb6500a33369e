import { LabelMatcher, Labels, matchLabels } from '@neo/domain-metric';
import { Head } from '../head/head';
import { collectLabelNames, collectLabelValues, selectInRange } from './label-queries';
import { selectPostings } from './select-postings';

const SERIES: Labels[] = [
  { __name__: 'http_requests_total', job: 'api', code: '200' },
  { __name__: 'http_requests_total', job: 'api', code: '500' },
  { __name__: 'http_requests_total', job: 'web' },
  { __name__: 'up', job: 'api' },
  { __name__: 'up', job: 'web', env: 'prod' },
  { __name__: 'up', job: 'db', env: '' },
];

function build(): Head {
  const head = new Head({ chunkRangeMs: 1_000_000 });
  head.appendBatch(SERIES.map((labels, i) => ({ labels, timestampMs: (i + 1) * 1000, value: i })));
  return head;
}

function names(head: Head, refs: readonly number[]): string[] {
  return refs.map((r) => JSON.stringify(head.seriesPairs(r)));
}

describe('selectPostings', () => {
  const cases: Array<[string, LabelMatcher[]]> = [
    ['equality', [{ name: 'job', op: '=', value: 'api' }]],
    ['equality with empty value selects series without the label', [{ name: 'code', op: '=', value: '' }]],
    ['inequality keeps series without the label', [{ name: 'code', op: '!=', value: '200' }]],
    ['not-empty', [{ name: 'env', op: '!=', value: '' }]],
    ['anchored regex', [{ name: 'job', op: '=~', value: 'ap' }]],
    ['regex alternatives', [{ name: 'job', op: '=~', value: 'api|db' }]],
    ['regex matching empty', [{ name: 'env', op: '=~', value: 'prod|' }]],
    ['regex .*', [{ name: '__name__', op: '=~', value: '.*' }]],
    ['regex .+', [{ name: 'code', op: '=~', value: '.+' }]],
    ['negative regex', [{ name: 'job', op: '!~', value: 'a.*' }]],
    ['negative regex matching everything non-empty', [{ name: 'env', op: '!~', value: '.+' }]],
    ['negative regex of empty', [{ name: 'code', op: '!~', value: '' }]],
    [
      'combined',
      [
        { name: '__name__', op: '=', value: 'http_requests_total' },
        { name: 'code', op: '!~', value: '5..' },
        { name: 'job', op: '!=', value: 'web' },
      ],
    ],
    ['no matchers', []],
    ['unknown label name', [{ name: 'nope', op: '=', value: 'x' }]],
  ];

  it.each(cases)('%s agrees with matching every series one by one', (_name, matchers) => {
    const head = build();
    const want = [...head.allPostings()].filter((ref) => {
      const pairs = head.seriesPairs(ref) ?? [];
      const labels: Record<string, string> = {};
      for (let i = 0; i < pairs.length; i += 2) {
        labels[pairs[i]] = pairs[i + 1];
      }
      return matchLabels(labels, matchers);
    });
    expect(names(head, selectPostings(head, matchers))).toEqual(names(head, want));
  });

  it('gives exact expected refs for a few selectors', () => {
    const head = build();
    expect(selectPostings(head, [{ name: 'code', op: '=', value: '' }])).toEqual([3, 4, 5, 6]);
    expect(selectPostings(head, [{ name: 'env', op: '!=', value: '' }])).toEqual([5]);
    expect(selectPostings(head, [{ name: 'job', op: '=~', value: 'ap' }])).toEqual([]);
  });
});

describe('label queries', () => {
  it('lists names and values, optionally restricted by matchers and time', () => {
    const head = build();
    const n = new Set<string>();
    collectLabelNames(head, n);
    expect([...n].sort()).toEqual(['__name__', 'code', 'env', 'job']);

    const v = new Set<string>();
    collectLabelValues(head, 'job', v, [{ name: '__name__', op: '=', value: 'up' }]);
    expect([...v].sort()).toEqual(['api', 'db', 'web']);

    const ranged = new Set<string>();
    collectLabelValues(head, 'job', ranged, [], { minT: 4000, maxT: 5000 });
    expect([...ranged].sort()).toEqual(['api', 'web']);

    const rangedNames = new Set<string>();
    collectLabelNames(head, rangedNames, [], { minT: 5500, maxT: 9000 });
    expect([...rangedNames].sort()).toEqual(['__name__', 'job']);
  });

  it('excludes series without samples in the range', () => {
    const head = build();
    expect(
      selectInRange(head, [{ name: '__name__', op: '=', value: 'up' }], { minT: 4500, maxT: 5500 }),
    ).toEqual([5]);
    expect(selectInRange(head, [], { minT: 10_000, maxT: 20_000 })).toEqual([]);
  });
});
