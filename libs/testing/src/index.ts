export { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL } from './lib/test-redis';
export { uniquePrefix } from './lib/unique-prefix';
export type { WaitForOptions } from './lib/wait-for';
export { waitFor } from './lib/wait-for';
export { getFreePort } from './lib/free-port';
export type { FakeScrapeTarget, FakeScrapeTargetOptions } from './lib/fake-scrape-target';
export { startFakeScrapeTarget } from './lib/fake-scrape-target';
export type { RecordedRequest, WebhookReceiver, WebhookReceiverOptions } from './lib/webhook-receiver';
export { startWebhookReceiver } from './lib/webhook-receiver';
