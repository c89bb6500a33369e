const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A sample value as Go's strconv.ParseFloat reads it (decimal, NaN, Inf and Infinity in any case with an
 * optional sign); undefined when it is not one. Number() alone would also take "0x10", "" and "  1".
 */
export function parseGoFloat(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  switch (text.toLowerCase()) {
    // Go takes a sign before Inf but not before NaN.
    case 'nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return undefined;
  }
}
