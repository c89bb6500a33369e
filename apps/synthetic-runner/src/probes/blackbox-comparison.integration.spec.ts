import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { getFreePort, refusedPort, startLoopbackServer, type LoopbackServer } from '@neo/testing';
import { checkDefinitionSchema } from '@neo/domain-check';
import { judge } from '../judging/judge';
import { MemoryPushStore } from '../push/push-store';
import { startHttpsServer, type HttpsLoopback } from '../test-support/https-server';
import { selfSignedCert, type SelfSignedCert } from '../test-support/self-signed-cert';
import { NetworkPolicy } from './network-policy';
import { ProbeAborted } from './probe-aborted';
import { Prober } from './prober';

const START = resolve(__dirname, '../../../../tools/blackbox/start.sh');

interface Verdict {
  success: boolean;
  statusCode: number;
  certExpirySeconds?: number;
}

/** blackbox_exporter 0.23 and our prober on the same loopback endpoints must reach the same verdicts. */
describe('agreement with prometheus-blackbox-exporter 0.23', () => {
  let exporterPid = 0;
  let exporter = '';
  let http: LoopbackServer;
  let https: HttpsLoopback;
  let cert: SelfSignedCert;
  let refused = 0;
  const prober = new Prober(new NetworkPolicy([]), new MemoryPushStore());

  beforeAll(async () => {
    const port = await getFreePort();
    // Fails the suite with the script's reason when the exporter cannot be installed or started.
    exporterPid = Number(execFileSync(START, [String(port)], { encoding: 'utf8' }).trim());
    exporter = `http://127.0.0.1:${port}`;
    cert = selfSignedCert(45);
    http = await startLoopbackServer((req, res) => {
      if (req.path === '/ok') res.writeHead(200).end('ok');
      else if (req.path === '/error') res.writeHead(500).end('boom');
      else if (req.path === '/slow') setTimeout(() => res.writeHead(200).end('late'), 1500);
      else if (req.path === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.path === '/moved') res.writeHead(301, { location: '/ok' }).end();
      else if (req.path === '/json')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP"}');
      else res.writeHead(404).end();
    });
    https = await startHttpsServer(cert, (_req, res) => res.writeHead(200).end('tls'));
    refused = await refusedPort();
  }, 60_000);

  afterAll(async () => {
    if (exporterPid > 0) process.kill(exporterPid, 'SIGTERM');
    await Promise.all([http?.stop(), https?.stop()]);
  });

  async function blackbox(target: string, module: string): Promise<Verdict> {
    const text = await (
      await fetch(`${exporter}/probe?target=${encodeURIComponent(target)}&module=${module}`)
    ).text();
    const value = (name: string): number | undefined => {
      const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
      return match?.[1] === undefined ? undefined : Number(match[1]);
    };
    const expiry = value('probe_ssl_earliest_cert_expiry');
    return {
      success: value('probe_success') === 1,
      statusCode: value('probe_http_status_code') ?? 0,
      ...(expiry !== undefined ? { certExpirySeconds: expiry } : {}),
    };
  }

  async function ours(raw: Record<string, unknown>): Promise<Verdict> {
    const check = checkDefinitionSchema.parse({ name: 'cmp', interval: '1m', timeout: '1s', ...raw });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(ProbeAborted.timeout(check.timeoutMs)), check.timeoutMs);
    const observed = await prober.probe(check, controller.signal);
    clearTimeout(timer);
    const verdict = judge(check, observed);
    return {
      success: verdict.success,
      // Like blackbox: 0 when no response arrived, the last 3xx when redirects ran out.
      statusCode: observed.statusCode ?? 0,
      ...(observed.certificateExpiresAtMs !== undefined
        ? { certExpirySeconds: Math.floor(observed.certificateExpiresAtMs / 1000) }
        : {}),
    };
  }

  it.each([
    ['2xx', '/ok'],
    ['5xx', '/error'],
    ['slow past the timeout', '/slow'],
    ['redirect followed', '/moved'],
    ['redirect loop', '/loop'],
    ['JSON body', '/json'],
  ])('HTTP %s', async (_case, path) => {
    const target = `${http.url}${path}`;
    const [theirs, mine] = await Promise.all([blackbox(target, 'http_2xx'), ours({ url: target })]);
    expect(mine).toEqual(theirs);
  });

  it('refused port', async () => {
    const target = `http://127.0.0.1:${refused}/`;
    expect(await ours({ url: target })).toEqual(await blackbox(target, 'http_2xx'));
    const tcpTheirs = await blackbox(`127.0.0.1:${refused}`, 'tcp_connect');
    const tcpMine = await ours({ type: 'tcp', host: '127.0.0.1', port: refused });
    expect(tcpMine.success).toBe(tcpTheirs.success);
  });

  it('self-signed TLS: rejected when verifying, accepted with the same expiry when not', async () => {
    const [strictTheirs, strictMine] = await Promise.all([
      blackbox(https.url, 'http_2xx'),
      ours({ url: https.url }),
    ]);
    expect(strictMine.success).toBe(false);
    expect(strictTheirs.success).toBe(false);
    const [theirs, mine] = await Promise.all([
      blackbox(https.url, 'http_insecure'),
      ours({ url: https.url, tls_verify: false }),
    ]);
    expect(mine).toEqual(theirs);
    expect(mine.certExpirySeconds).toBe(cert.expiresAtMs / 1000);
  });
});
