import type { LoggingSettings } from '../../observability-options';
import { ElasticsearchShipper } from './elasticsearch-shipper';
import type { LogShipper } from './log-shipper';
import { LokiShipper } from './loki-shipper';

/** The shippers the configuration asks for; none by default. */
export function createShippers(shipping: LoggingSettings['shipping']): LogShipper[] {
  const shippers: LogShipper[] = [];
  if (shipping?.loki) shippers.push(new LokiShipper(shipping.loki));
  if (shipping?.elasticsearch) shippers.push(new ElasticsearchShipper(shipping.elasticsearch));
  return shippers;
}
