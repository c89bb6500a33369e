import { isValidLabelName, Labels } from '@neo/domain-metric';
import { QueryError } from '../eval/query-error';

/** Go regexp.Expand: `$name`/`${name}` (letters, digits, underscore); unknown groups expand to "". */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+)|\$)/g,
    (all, braced?: string, bare?: string) => {
      if (all === '$$') {
        return '$';
      }
      const name = braced ?? bare ?? '';
      if (/^\d+$/.test(name)) {
        return match[Number(name)] ?? '';
      }
      return match.groups?.[name] ?? '';
    },
  );
}

/** Go's (?P<name>...) named groups are JS's (?<name>...). */
function compile(regex: string): RegExp {
  return new RegExp(`^(?:${regex.replace(/\(\?P</g, '(?<')})$`, 's');
}

/** label_replace for one label set. */
export function labelReplacer(
  dst: string,
  replacement: string,
  src: string,
  regex: string,
): (l: Labels) => Labels {
  let re: RegExp;
  try {
    re = compile(regex);
  } catch {
    throw new QueryError('execution', `invalid regular expression in label_replace(): ${regex}`);
  }
  if (!isValidLabelName(dst)) {
    throw new QueryError('execution', `invalid destination label name in label_replace(): ${dst}`);
  }
  return (labels) => {
    const m = re.exec(labels[src] ?? '');
    if (m === null) {
      return labels;
    }
    return setLabel(labels, dst, expand(replacement, m));
  };
}

/** label_join for one label set. */
export function labelJoiner(dst: string, sep: string, srcs: readonly string[]): (l: Labels) => Labels {
  if (!isValidLabelName(dst)) {
    throw new QueryError('execution', `invalid destination label name in label_join(): ${dst}`);
  }
  for (const s of srcs) {
    if (!isValidLabelName(s)) {
      throw new QueryError('execution', `invalid source label name in label_join(): ${s}`);
    }
  }
  return (labels) => setLabel(labels, dst, srcs.map((s) => labels[s] ?? '').join(sep));
}

/** Sets a label; an empty value removes it, as Prometheus' labels.Builder. */
function setLabel(labels: Labels, name: string, value: string): Labels {
  const out: Record<string, string> = { ...labels };
  if (value === '') {
    delete out[name];
  } else {
    out[name] = value;
  }
  return out;
}
