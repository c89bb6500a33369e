import type { BusMode } from '@neo/transport';
import type { LiveSnapshot } from '../../state/live-view.types';

/** Body of `GET /api/overview`. */
export interface OverviewResponse extends LiveSnapshot {
  readonly generatedAt: string;
  /** The bus this dashboard listens on; `in-process` only sees services in the same process. */
  readonly bus: BusMode;
}
