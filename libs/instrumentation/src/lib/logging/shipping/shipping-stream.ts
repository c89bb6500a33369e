import type pino from 'pino';
import type { LogShipper } from './log-shipper';

/**
 * A pino destination feeding a shipper: the line is parsed (so the shipper can pick labels and index names)
 * and buffered; the network is only touched later from the shipper's timer.
 */
export function shippingStream(shipper: LogShipper): pino.DestinationStream {
  return {
    write(line: string): void {
      try {
        shipper.enqueue(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not JSON (should not happen with pino): skip rather than break logging.
      }
    },
  };
}
