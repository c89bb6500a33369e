import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Tsdb } from '@neo/tsdb';
import { SAMPLE_STORE } from './sample-store';

/**
 * Closes the TSDB last: scrapes and receivers stop in beforeApplicationShutdown, so by onApplicationShutdown
 * no append is in flight and close() can wait for pending WAL fsyncs and compaction.
 */
@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(SAMPLE_STORE) private readonly db: Tsdb) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
    this.logger.log({ msg: 'store closed' });
  }
}
