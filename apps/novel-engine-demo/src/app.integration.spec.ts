import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { decodeEnvelope } from '@neo/contracts';
import { connectTestRedis, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { loadDemoConfig } from './config/demo.config';

async function boot(env: Record<string, string>): Promise<{ app: INestApplication; base: string }> {
  const config = loadDemoConfig({
    NEO_DEMO_PORT: '0',
    LOG_LEVEL: 'silent',
    NEO_DEMO_FAILURE_RATE: '0',
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

describe('novel-engine-demo', () => {
  it('generates stories through the agents and exposes domain metrics and the story-generation check', async () => {
    const { app, base } = await boot({});
    try {
      expect(await (await fetch(`${base}/hello`)).json()).toEqual({ message: 'hello from the Novel Engine' });
      const created = await fetch(`${base}/stories`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ genre: 'noir', prompt: 'a detective who cannot remember faces' }),
      });
      expect(created.status).toBe(201);
      const story = (await created.json()) as { id: string; agents: string[]; qualityScore: number };
      expect(story.agents).toEqual(['planner', 'character', 'world', 'writer', 'editor']);
      expect((await fetch(`${base}/stories/${story.id}`)).status).toBe(200);
      expect(
        (
          await fetch(`${base}/stories`, {
            method: 'POST',
            body: '{"genre":"opera"}',
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(400);

      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^novel_stories_generated_total\{genre="noir",.*\} 1$/m);
      expect(metrics).toMatch(
        /^novel_agent_messages_total\{from_agent="planner",to_agent="character",.*\} 1$/m,
      );
      expect(metrics).toMatch(/^novel_character_interactions_total\{interaction="dialogue",.*\} 1$/m);
      expect(metrics).toMatch(
        /^http_requests_total\{method="POST",route="\/stories",status_class="2xx",.*service="novel-engine-demo"/m,
      );

      const health = (await (await fetch(`${base}/health`)).json()) as {
        details: Record<string, { status: string }>;
      };
      expect(health.details['story-generation']?.status).toBe('up');
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect((await fetch(`${base}/health/startup`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('runs without Redis, and with REDIS_URL publishes a failed login as a security event on Redis', async () => {
    const prefix = uniquePrefix('demo-security');
    const subscriber = await connectTestRedis();
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    await subscriber.subscribe(`${prefix}neo.security.event.v1`);
    const { app, base } = await boot({ REDIS_URL: TEST_REDIS_URL, NEO_CHANNEL_PREFIX: prefix });
    try {
      expect((await fetch(`${base}/account`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
        401,
      );
      await waitFor(() => received.length > 0, { description: 'security event on Redis' });
      const decoded = decodeEnvelope('neo.security.event.v1', received[0]);
      expect(decoded.ok && decoded.envelope.payload).toMatchObject({
        service: 'novel-engine-demo',
        kind: 'auth_failure',
        route: '/account',
        client: '127.0.0.1',
        statusCode: 401,
      });
      expect(decoded.ok && decoded.envelope.source).toBe('novel-engine-demo');
    } finally {
      await app.close();
      subscriber.disconnect();
    }
  });
});
