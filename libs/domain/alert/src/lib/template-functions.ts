import { formatGoFloat } from './go-float';
import { humanize, humanizeDuration, humanizePercentage } from './humanize';
import { printTemplateValue, TemplateValue } from './template-value';

/** A template function; `undefined` means "not supported for these arguments". */
export type TemplateFunction = (args: readonly TemplateValue[]) => TemplateValue | undefined;

// Prometheus' convertToFloat: numbers as they are, strings parsed, anything else unsupported.
function toFloat(value: TemplateValue | undefined): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  return undefined;
}

function numeric(fn: (v: number) => string): TemplateFunction {
  return (args) => {
    const v = args.length === 1 ? toFloat(args[0]) : undefined;
    return v === undefined ? undefined : fn(v);
  };
}

function textual(fn: (s: string) => string): TemplateFunction {
  return (args) => (args.length === 1 && typeof args[0] === 'string' ? fn(args[0]) : undefined);
}

function formatVerb(spec: string, value: TemplateValue | undefined): string | undefined {
  const match = /^%(?:\.(\d+))?([vsfgde])$/.exec(spec);
  if (!match || value === undefined) {
    return undefined;
  }
  const precision = match[1] === undefined ? undefined : Number(match[1]);
  const verb = match[2];
  if (verb === 'v' || (verb === 's' && typeof value === 'string')) {
    return printTemplateValue(value);
  }
  if (typeof value !== 'number') {
    return undefined;
  }
  if (!Number.isFinite(value)) {
    return formatGoFloat(value);
  }
  switch (verb) {
    case 'f':
      return value.toFixed(precision ?? 6);
    case 'g':
      return formatGoFloat(value, precision);
    case 'e':
      return value.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
    default:
      // Go prints a float64 under %d (or %s) as an error marker, never as a number.
      return `%!${verb}(float64=${formatGoFloat(value)})`;
  }
}

/** `printf` for the verbs alert templates use: %v %s %d %f %g %e with optional precision, %%. */
const printf: TemplateFunction = (args) => {
  const [format, ...rest] = args;
  if (typeof format !== 'string') {
    return undefined;
  }
  let next = 0;
  let failed = false;
  const out = format.replace(/%%|%(?:\.\d+)?[a-zA-Z]/g, (spec) => {
    if (spec === '%%') {
      return '%';
    }
    const formatted = formatVerb(spec, rest[next++]);
    failed ||= formatted === undefined;
    return formatted ?? '';
  });
  return failed || next !== rest.length ? undefined : out;
};

const index: TemplateFunction = (args) => {
  const [map, key] = args;
  if (args.length !== 2 || typeof map !== 'object' || typeof key !== 'string') {
    return undefined;
  }
  return map.labels[key] ?? '';
};

/** The functions expandTemplate understands, named as in Prometheus templates. */
export const TEMPLATE_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  toUpper: textual((s) => s.toUpperCase()),
  toLower: textual((s) => s.toLowerCase()),
  title: textual((s) =>
    s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase()),
  ),
  humanize: numeric(humanize),
  humanizePercentage: numeric(humanizePercentage),
  humanizeDuration: numeric(humanizeDuration),
  printf,
  index,
};
