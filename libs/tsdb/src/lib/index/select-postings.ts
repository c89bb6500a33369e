import { LabelMatcher } from '@neo/domain-metric';
import { matchesValue } from './match-value';
import { intersectPostings, Postings, subtractPostings, unionPostings } from './postings';
import { PostingsReader } from './postings-reader';

function matchingValues(ix: PostingsReader, m: LabelMatcher, want: boolean): Postings {
  if (m.op === '=' && want) {
    return ix.postings(m.name, m.value);
  }
  const lists: Postings[] = [];
  for (const value of ix.labelValuesOf(m.name)) {
    if (matchesValue(m, value) === want) {
      lists.push(ix.postings(m.name, value));
    }
  }
  return unionPostings(lists);
}

/**
 * Refs of series accepted by every matcher, with Prometheus' semantics (tsdb.PostingsForMatchers):
 * a missing label reads as "", so a matcher that accepts "" also accepts series without the label and
 * is evaluated by subtracting the series whose value it rejects. Regexes are fully anchored (the
 * domain's matcher compiles them that way). No matchers selects every series.
 */
export function selectPostings(ix: PostingsReader, matchers: readonly LabelMatcher[]): Postings {
  const include: Postings[] = [];
  const exclude: Postings[] = [];
  for (const m of matchers) {
    if (matchesValue(m, '')) {
      // e.g. l="", l!="x", l=~"x|", l!~"x": drop series whose (present) value the matcher rejects.
      exclude.push(matchingValues(ix, m, false));
    } else {
      // e.g. l="x", l!="", l=~".+", l!~"": keep only series with a value the matcher accepts.
      include.push(matchingValues(ix, m, true));
    }
  }
  let result = include.length > 0 ? intersectPostings(include) : ix.allPostings();
  for (const ex of exclude) {
    if (result.length === 0) {
      break;
    }
    result = subtractPostings(result, ex);
  }
  return result;
}
