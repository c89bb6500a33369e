import { CHANNEL_NAMES, isChannelName, type ChannelName } from '@neo/contracts';

export type ChannelFilter =
  | { readonly ok: true; readonly channels: ReadonlySet<ChannelName> }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `?channels=a,b` (also repeated `?channels=a&channels=b`). Absent means every channel; an unknown
 * name is refused rather than ignored, because a typo would otherwise look like a silent stream.
 */
export function parseChannelFilter(raw: unknown): ChannelFilter {
  if (raw === undefined) {
    return { ok: true, channels: new Set(CHANNEL_NAMES) };
  }
  const parts = (Array.isArray(raw) ? raw : [raw]).map((part) => (typeof part === 'string' ? part : null));
  if (parts.includes(null)) {
    return { ok: false, message: `channels must be a comma-separated list of: ${CHANNEL_NAMES.join(', ')}` };
  }
  const names = parts
    .flatMap((part) => (part ?? '').split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    return { ok: false, message: `channels must name at least one of: ${CHANNEL_NAMES.join(', ')}` };
  }
  const unknown = names.filter((name) => !isChannelName(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `channels: unknown channel ${unknown.map((name) => `'${name}'`).join(', ')}; known: ${CHANNEL_NAMES.join(', ')}`,
    };
  }
  return { ok: true, channels: new Set(names.filter(isChannelName)) };
}
