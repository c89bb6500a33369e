export { checkBusHealth } from './lib/bus-health';
export type { BusMode, BusStats, EventBus, EventBusOptions, EventHandler } from './lib/event-bus';
export { InProcessEventBus } from './lib/in-process-event-bus';
export { createRedisClient, redisOptionsFromUrl } from './lib/redis-connection';
export { RedisEventBus } from './lib/redis-event-bus';
export { currentTraceparent } from './lib/trace-context';
export {
  BUS_HEALTH,
  createEventBus,
  EVENT_BUS,
  isAllInOne,
  REDIS_CLIENT,
  TransportModule,
} from './lib/transport.module';
export type { TransportOptions } from './lib/transport.module';
