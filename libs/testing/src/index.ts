export { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL } from './lib/test-redis';
export { uniquePrefix } from './lib/unique-prefix';
export type { WaitForOptions } from './lib/wait-for';
export { waitFor } from './lib/wait-for';
export { getFreePort, getFreePorts, refusedPort } from './lib/free-port';
export type {
  LoopbackHandler,
  LoopbackServer,
  LoopbackServerOptions,
  RecordedRequest,
} from './lib/loopback-server';
export { startLoopbackServer } from './lib/loopback-server';
export type { FakeScrapeTarget, FakeScrapeTargetOptions } from './lib/fake-scrape-target';
export { startFakeScrapeTarget } from './lib/fake-scrape-target';
export type { WebhookReceiver, WebhookReceiverOptions } from './lib/webhook-receiver';
export { startWebhookReceiver } from './lib/webhook-receiver';
export type { HttpGetOptions, HttpGetResult } from './lib/http-get';
export { answers200, getJson, httpGet } from './lib/http-get';
export type { SseMessage } from './lib/sse-parser';
export { SseClient } from './lib/sse-client';
