import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { connectTestRedis, deleteKeysWithPrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '@neo/testing';
import { startRunner, type RunnerUnderTest } from '../test-support/runner-app';

// Decided when the file loads so the test name can say why it did not run; CI machines have had IPv6 loopback.
const HAS_IPV6_LOOPBACK = Object.values(networkInterfaces()).some((addresses) =>
  (addresses ?? []).some((a) => a.family === 'IPv6' && a.address === '::1'),
);
if (!HAS_IPV6_LOOPBACK) console.warn('no IPv6 loopback (::1) on this machine: the IPv6 test is skipped');
const itWithIpv6 = HAS_IPV6_LOOPBACK ? it : it.skip;

/** A real HTTP server on one loopback address, answering 200 with the address it was reached on. */
async function serve(host: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => res.writeHead(200).end(req.socket.localAddress ?? ''));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`, server };
}

describe('network allow/deny settings enforced on real loopback targets', () => {
  const prefix = uniquePrefix('synthetic-net');
  const servers: Server[] = [];
  const runners: RunnerUnderTest[] = [];
  let primary: string;
  let secondary: string;

  beforeAll(async () => {
    // Linux routes all of 127.0.0.0/8 to loopback: two real servers that differ only by address.
    const a = await serve('127.0.0.1');
    const b = await serve('127.0.0.2');
    servers.push(a.server, b.server);
    primary = a.url;
    secondary = b.url;
  });

  afterAll(async () => {
    await Promise.all(runners.map((r) => r.close()));
    for (const server of servers) server.close();
    const redis = await connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  async function run(yaml: string, env: Record<string, string>, names: string[]) {
    const runner = await startRunner(yaml, {
      redisUrl: TEST_REDIS_URL,
      prefix: `${prefix}${runners.length}:`,
      env,
    });
    runners.push(runner);
    const results = await Promise.all(
      names.map((name) =>
        waitFor(() => runner.results.find((e) => e.payload.name === name), {
          description: `a result of ${name}`,
          timeoutMs: 10_000,
        }),
      ),
    );
    return new Map(results.map((e) => [e.payload.name, e.payload]));
  }

  function twoChecks(extra = ''): string {
    return [
      extra,
      'checks:',
      `  - { name: primary, url: "${primary}", interval: 2s, timeout: 1s }`,
      `  - { name: secondary, url: "${secondary}", interval: 2s, timeout: 1s }`,
    ].join('\n');
  }

  it('deny list from the YAML file: a denied loopback target fails naming the network, the other passes', async () => {
    const yaml = twoChecks('security:\n  deny_networks: [127.0.0.2/32]');
    const results = await run(yaml, {}, ['primary', 'secondary']);
    expect(results.get('primary')).toMatchObject({ success: true, statusCode: 200 });
    expect(results.get('secondary')).toMatchObject({
      success: false,
      error: 'address 127.0.0.2 is in a denied network (127.0.0.2/32)',
    });
    expect(results.get('secondary')?.statusCode).toBeUndefined();
  });

  it('allow list from the environment: only the allowed loopback address is reached', async () => {
    const yaml = twoChecks();
    const results = await run(yaml, { NEO_SYNTHETIC_ALLOW_NETWORKS: '127.0.0.2/32, ::1/128' }, [
      'primary',
      'secondary',
    ]);
    expect(results.get('secondary')).toMatchObject({ success: true, statusCode: 200 });
    expect(results.get('primary')).toMatchObject({
      success: false,
      error: 'address 127.0.0.1 is not in an allowed network (127.0.0.2/32, ::1/128)',
    });
  });

  itWithIpv6(
    `IPv6: checks http://[::1]:port/ on a server listening on ::1${HAS_IPV6_LOOPBACK ? '' : ' (SKIPPED: no IPv6 loopback)'}`,
    async () => {
      const v6 = await serve('::1');
      servers.push(v6.server);
      const { port } = v6.server.address() as AddressInfo;
      const yaml = [
        'checks:',
        `  - { name: v6, url: "${v6.url}health", interval: 2s, timeout: 1s, conditions: ["[BODY] == ::1", "[STATUS] == 200"] }`,
        `  - { name: v6-tcp, type: tcp, host: "::1", port: ${port}, interval: 2s, timeout: 1s }`,
        `  - { name: v6-denied, url: "${v6.url}", interval: 2s, timeout: 1s }`,
      ].join('\n');
      // The body is the server's local address: proof the probe really went over IPv6.
      const results = await run(yaml, {}, ['v6', 'v6-tcp']);
      expect(results.get('v6')).toMatchObject({
        success: true,
        statusCode: 200,
        target: `http://[::1]:${port}/health`,
      });
      expect(results.get('v6-tcp')).toMatchObject({ success: true, target: `::1:${port}` });

      // The same file with ::1 denied: the IPv6 address is checked against the policy like an IPv4 one.
      const denied = await run(yaml, { NEO_SYNTHETIC_DENY_NETWORKS: '::1/128' }, ['v6-denied']);
      expect(denied.get('v6-denied')).toMatchObject({
        success: false,
        error: 'address ::1 is in a denied network (::1/128)',
      });
    },
  );
});
