import type { MetricMetadata } from '../metadata-book';
import type { ExpositionFormat } from './exposition-format';
import { MetadataCollector } from './metadata-collector';
import { parseSeries } from './parse-series';
import { scanExposition } from './scan-exposition';

/** One sample of an exposition with its labels (`__name__` included). */
export interface ExpositionSample {
  readonly labels: Record<string, string>;
  readonly value: number;
  readonly timestampMs?: number;
}

export interface ParsedExposition {
  readonly samples: ExpositionSample[];
  readonly metadata: ReadonlyMap<string, MetricMetadata>;
}

/**
 * The whole exposition parsed and validated, every series included: what tests, fuzzing and tools use.
 * The scrape loop uses scanExposition directly, so unchanged series skip label parsing.
 */
export function parseExposition(text: string, format: ExpositionFormat): ParsedExposition {
  const samples: ExpositionSample[] = [];
  const metadata = new MetadataCollector();
  scanExposition(text, format, {
    sample(series, value, timestampMs, line) {
      const { labels } = parseSeries(series, line);
      samples.push(timestampMs === undefined ? { labels, value } : { labels, value, timestampMs });
    },
    metadata: (kind, name, help) => metadata.add(kind, name, help),
  });
  return { samples, metadata: metadata.byName };
}
