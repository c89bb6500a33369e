/** What `# TYPE`, `# HELP` and `# UNIT` said about a metric family. */
export interface MetricMetadata {
  readonly type: string;
  readonly help: string;
  readonly unit: string;
}

/**
 * Metric metadata from the latest scrape of each target, for `/api/v1/metadata`. Kept per target so a
 * target that goes away takes its metadata with it, as in Prometheus.
 */
export class MetadataBook {
  private readonly byTarget = new Map<string, ReadonlyMap<string, MetricMetadata>>();

  /** Replaces what a target declared (a scrape that failed leaves the previous metadata). */
  set(targetKey: string, metadata: ReadonlyMap<string, MetricMetadata>): void {
    this.byTarget.set(targetKey, metadata);
  }

  forget(targetKey: string): void {
    this.byTarget.delete(targetKey);
  }

  /**
   * Prometheus' response: metric name to its distinct metadata entries. `limit` bounds the metrics,
   * `limitPerMetric` the entries per metric, `metric` selects one name.
   */
  list(options: { metric?: string; limit?: number; limitPerMetric?: number } = {}) {
    const out: Record<string, MetricMetadata[]> = {};
    const seen = new Map<string, Set<string>>();
    for (const metadata of this.byTarget.values()) {
      for (const [name, entry] of metadata) {
        if (options.metric !== undefined && name !== options.metric) continue;
        let keys = seen.get(name);
        if (!keys) {
          if (options.limit !== undefined && seen.size >= options.limit) continue;
          keys = new Set();
          seen.set(name, keys);
          out[name] = [];
        }
        const key = `${entry.type}\u0000${entry.help}\u0000${entry.unit}`;
        if (keys.has(key)) continue;
        if (options.limitPerMetric !== undefined && keys.size >= options.limitPerMetric) continue;
        keys.add(key);
        out[name].push(entry);
      }
    }
    return out;
  }
}
