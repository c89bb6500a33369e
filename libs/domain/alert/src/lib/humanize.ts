import { formatGoFloat } from './go-float';

const BIG_PREFIXES = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SMALL_PREFIXES = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

function scaleDown(v: number): [number, string] {
  let scaled = v;
  let prefix = '';
  for (const p of SMALL_PREFIXES) {
    if (Math.abs(scaled) >= 1) {
      break;
    }
    prefix = p;
    scaled *= 1000;
  }
  return [scaled, prefix];
}

/** Prometheus' `humanize`: SI prefixes with 4 significant digits (1234567 -> `1.235M`). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) {
    return formatGoFloat(v, 4);
  }
  if (Math.abs(v) >= 1) {
    let scaled = v;
    let prefix = '';
    for (const p of BIG_PREFIXES) {
      if (Math.abs(scaled) < 1000) {
        break;
      }
      prefix = p;
      scaled /= 1000;
    }
    return `${formatGoFloat(scaled, 4)}${prefix}`;
  }
  const [scaled, prefix] = scaleDown(v);
  return `${formatGoFloat(scaled, 4)}${prefix}`;
}

/** Prometheus' `humanizePercentage`: a ratio as a percentage (0.1234 -> `12.34%`). */
export function humanizePercentage(v: number): string {
  return `${formatGoFloat(v * 100, 4)}%`;
}

/** Prometheus' `humanizeDuration`: seconds as `1d 2h 3m 4s`, or `1.5s`, `250ms` below a minute. */
export function humanizeDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return formatGoFloat(seconds, 4);
  }
  if (seconds === 0) {
    return '0s';
  }
  if (Math.abs(seconds) < 1) {
    const [scaled, prefix] = scaleDown(seconds);
    return `${formatGoFloat(scaled, 4)}${prefix}s`;
  }
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  const whole = Math.trunc(abs);
  const s = whole % 60;
  const m = Math.trunc(whole / 60) % 60;
  const h = Math.trunc(whole / 3600) % 24;
  const d = Math.trunc(whole / 86400);
  if (d !== 0) {
    return `${sign}${d}d ${h}h ${m}m ${s}s`;
  }
  if (h !== 0) {
    return `${sign}${h}h ${m}m ${s}s`;
  }
  if (m !== 0) {
    return `${sign}${m}m ${s}s`;
  }
  return `${sign}${formatGoFloat(abs, 4)}s`;
}
