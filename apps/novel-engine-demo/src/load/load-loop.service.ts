import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DEMO_CONFIG } from '../config/demo-config.token';
import type { DemoConfig } from '../config/demo.config';
import { GENRES } from '../stories/story';

/**
 * Background traffic against the demo's own HTTP API (so HTTP metrics, access logs and security events see
 * it too): story generations, reads, a missing story and now and then an unauthenticated account call.
 */
@Injectable()
export class LoadLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LoadLoop');
  private timer: NodeJS.Timeout | undefined;
  private tick = 0;
  private running = false;

  constructor(@Inject(DEMO_CONFIG) private readonly config: DemoConfig) {}

  onApplicationBootstrap(): void {
    if (!this.config.loadLoop) return;
    this.logger.log(`load loop on: a request every ${this.config.loadIntervalMs} ms`);
    this.timer = setInterval(() => void this.step(), this.config.loadIntervalMs);
    this.timer.unref();
  }

  // Before the HTTP server closes: requests to ourselves would otherwise keep it from ever closing.
  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async step(): Promise<void> {
    // One request at a time: a slow engine must not pile up overlapping load.
    if (this.running || !this.timer) return;
    this.running = true;
    const base = `http://${this.config.host === '0.0.0.0' ? '127.0.0.1' : this.config.host}:${this.config.port}`;
    const tick = this.tick++;
    try {
      const genre = GENRES[tick % GENRES.length];
      const created = await fetch(`${base}/stories`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ genre, prompt: `tale number ${tick}` }),
        signal: AbortSignal.timeout(10_000),
      });
      const story = (await created.json()) as { id?: string };
      if (story.id) await drain(fetch(`${base}/stories/${story.id}`, { signal: AbortSignal.timeout(5000) }));
      if (tick % 5 === 0)
        await drain(fetch(`${base}/stories/st_missing`, { signal: AbortSignal.timeout(5000) }));
      if (tick % 7 === 0) await drain(fetch(`${base}/account`, { signal: AbortSignal.timeout(5000) }));
      if (tick % 3 === 0) await drain(fetch(`${base}/hello`, { signal: AbortSignal.timeout(5000) }));
    } catch (error) {
      this.logger.warn(`load step failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}

async function drain(response: Promise<Response>): Promise<void> {
  await (await response).arrayBuffer();
}
