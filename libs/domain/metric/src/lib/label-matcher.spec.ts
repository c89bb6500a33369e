import { LabelMatcher, matchLabels } from './label-matcher';

const labels = { __name__: 'http_requests_total', job: 'api', code: '500' };
const m = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value });

describe('matchLabels', () => {
  it('matches equality and inequality', () => {
    expect(matchLabels(labels, [m('job', '=', 'api')])).toBe(true);
    expect(matchLabels(labels, [m('job', '=', 'web')])).toBe(false);
    expect(matchLabels(labels, [m('job', '!=', 'web')])).toBe(true);
    expect(matchLabels(labels, [m('job', '!=', 'api')])).toBe(false);
  });

  it('anchors regexes fully', () => {
    expect(matchLabels(labels, [m('code', '=~', '5..')])).toBe(true);
    expect(matchLabels(labels, [m('code', '=~', '5')])).toBe(false);
    expect(matchLabels(labels, [m('code', '!~', '4..')])).toBe(true);
    expect(matchLabels(labels, [m('code', '!~', '5.*')])).toBe(false);
  });

  it('treats a missing label as the empty string', () => {
    expect(matchLabels(labels, [m('env', '=', '')])).toBe(true);
    expect(matchLabels(labels, [m('env', '!=', '')])).toBe(false);
    expect(matchLabels(labels, [m('env', '=~', '.*')])).toBe(true);
    expect(matchLabels(labels, [m('env', '=~', '.+')])).toBe(false);
  });

  it('requires every matcher', () => {
    expect(matchLabels(labels, [m('job', '=', 'api'), m('code', '=', '200')])).toBe(false);
    expect(matchLabels(labels, [])).toBe(true);
  });
});
