import type { MetricMetadata } from '../metadata-book';
import type { MetadataKind } from './scan-exposition';

/**
 * Gathers `# TYPE`/`# HELP`/`# UNIT` per metric family during a scan. Types are reported as Prometheus'
 * API does: text 0.0.4's `untyped` is `unknown`.
 */
export class MetadataCollector {
  readonly byName = new Map<string, MetricMetadata>();

  add(kind: MetadataKind, name: string, text: string): void {
    const entry = this.byName.get(name) ?? { type: 'unknown', help: '', unit: '' };
    const value = kind === 'type' && text === 'untyped' ? 'unknown' : text;
    this.byName.set(name, { ...entry, [kind]: value });
  }
}
