import { refusedPort, startLoopbackServer, type LoopbackServer } from '@neo/testing';
import { checkDefinitionSchema, type Check } from '@neo/domain-check';
import { judge } from '../judging/judge';
import { MemoryPushStore } from '../push/push-store';
import { startDnsResponder, type DnsResponder } from '../test-support/dns-responder';
import { startHttpsServer, type HttpsLoopback } from '../test-support/https-server';
import { selfSignedCert, type SelfSignedCert } from '../test-support/self-signed-cert';
import { NetworkPolicy } from './network-policy';
import { Prober } from './prober';

function check(raw: Record<string, unknown>): Check {
  return checkDefinitionSchema.parse({ name: 'c', interval: '1m', timeout: '3s', ...raw });
}

describe('probes against real loopback servers', () => {
  let http: LoopbackServer;
  let https: HttpsLoopback;
  let dns: DnsResponder;
  let cert: SelfSignedCert;
  let pushes: MemoryPushStore;
  let prober: Prober;

  beforeAll(async () => {
    cert = selfSignedCert(30);
    http = await startLoopbackServer((req, res) => {
      const path = req.path.split('?')[0];
      if (path === '/json')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"items":[{"state":"ok"}]}}');
      else if (path === '/fail') res.writeHead(503).end('down');
      else if (path === '/redirect') res.writeHead(302, { location: '/json' }).end();
      else if (path === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (path === '/echo-auth') res.writeHead(200).end(String(req.headers['authorization'] ?? ''));
      else if (path === '/login') res.writeHead(200, { 'x-session': 's-1' }).end('{"token":"t-42"}');
      else if (path === '/me')
        res.writeHead(req.headers['authorization'] === 'Bearer t-42' ? 200 : 401).end(req.path);
      else if (path === '/logout') res.writeHead(204).end();
      else res.writeHead(200).end('healthy');
    });
    https = await startHttpsServer(cert, (_req, res) => res.writeHead(200).end('secure'));
    dns = await startDnsResponder({
      a: { 'app.test': ['10.0.0.1', '10.0.0.2'] },
      txt: { 'app.test': ['v=ok'] },
      rcode: { 'broken.test': 2 },
    });
    pushes = new MemoryPushStore();
    prober = new Prober(new NetworkPolicy([]), pushes, Date.now() - 120_000);
  });

  afterAll(async () => {
    await Promise.all([http.stop(), https.stop(), dns.stop()]);
  });

  async function run(raw: Record<string, unknown>) {
    const c = check(raw);
    const observed = await prober.probe(c, new AbortController().signal);
    return { observed, verdict: judge(c, observed) };
  }

  it('measures blackbox-style phases and evaluates JSON conditions', async () => {
    const { observed, verdict } = await run({
      url: `${http.url}/json`,
      conditions: [
        '[STATUS] == 200',
        '[BODY].data.items[0].state == "ok"',
        '[HEADER].content-type == pat(application/json*)',
        '[RESPONSE_TIME] < 10000',
      ],
    });
    expect(verdict).toEqual({ success: true, failedConditions: [] });
    expect(observed.phases).toEqual({
      resolve: expect.any(Number),
      connect: expect.any(Number),
      tls: 0,
      processing: expect.any(Number),
      transfer: expect.any(Number),
    });
    expect(observed.ip).toBe('127.0.0.1');
  });

  it('reports every failed condition with its actual value', async () => {
    const { verdict } = await run({
      url: `${http.url}/fail`,
      conditions: ['[STATUS] < 300', '[BODY] == pat(*healthy*)'],
    });
    expect(verdict.success).toBe(false);
    expect(verdict.failedConditions.map((f) => f.actual)).toEqual(['503', 'down']);
    expect(verdict.error).toBe('[STATUS] (503) < 300; [BODY] (down) == pat(*healthy*)');
  });

  it('sends method, headers, body and basic or bearer auth from env secrets', async () => {
    process.env['NEO_TEST_PASSWORD'] = 'pa55';
    const basic = await run({
      url: `${http.url}/echo-auth`,
      auth: { basic: { username: 'probe', password: '${env:NEO_TEST_PASSWORD}' } },
      conditions: [`[BODY] == "Basic ${Buffer.from('probe:pa55').toString('base64')}"`],
    });
    expect(basic.verdict.success).toBe(true);
    const bearer = await run({
      url: `${http.url}/echo-auth`,
      auth: { bearer: 'abc' },
      conditions: ['[BODY] == "Bearer abc"'],
    });
    expect(bearer.verdict.success).toBe(true);
    const sent = await run({
      url: `${http.url}/post`,
      method: 'PUT',
      headers: { 'x-a': 'b' },
      body: 'payload',
    });
    expect(sent.verdict.success).toBe(true);
    expect(http.requests.at(-1)).toMatchObject({
      method: 'PUT',
      body: 'payload',
      headers: expect.objectContaining({ 'x-a': 'b' }),
    });
  });

  it('follows redirects, or not, and fails a redirect loop keeping the 3xx status', async () => {
    expect((await run({ url: `${http.url}/redirect` })).observed).toMatchObject({
      statusCode: 200,
      redirects: 1,
    });
    const held = await run({ url: `${http.url}/redirect`, follow_redirects: false });
    expect(held.observed.statusCode).toBe(302);
    expect(held.verdict.error).toBe('expected status 2xx, got 302');
    const loop = await run({ url: `${http.url}/loop`, max_redirects: 3 });
    expect(loop.observed).toMatchObject({
      statusCode: 302,
      redirects: 3,
      failure: 'too many redirects (more than 3)',
    });
  });

  it('verifies TLS by default, can skip it, and reads the certificate expiry', async () => {
    const strict = await run({ url: https.url });
    expect(strict.verdict.success).toBe(false);
    expect(strict.observed.failure).toMatch(/self.signed/i);
    const lax = await run({
      url: https.url,
      tls_verify: false,
      conditions: ['[CERTIFICATE_EXPIRATION] > 72h'],
    });
    expect(lax.verdict.success).toBe(true);
    expect(lax.observed.certificateExpiresAtMs).toBe(cert.expiresAtMs);
    expect(lax.observed.phases?.tls).toBeGreaterThan(0);
  });

  it('explains refused connections and timeouts', async () => {
    const port = await refusedPort();
    expect((await run({ url: `http://127.0.0.1:${port}/` })).observed.failure).toBe(
      `connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    const hung = await startLoopbackServer(() => undefined);
    const c = check({ url: hung.url, timeout: '200ms' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('timeout after 200ms')), 200);
    const observed = await prober.probe(c, controller.signal);
    expect(observed.failure).toBeDefined();
    await hung.stop();
  });

  it('denies link-local and metadata addresses by default, and honours an allow list', async () => {
    const denied = await run({ url: 'http://169.254.169.254/latest/meta-data' });
    expect(denied.observed.failure).toContain('address 169.254.169.254 is in a denied network');
    const only10 = new Prober(new NetworkPolicy(['10.0.0.0/8']), pushes);
    const observed = await only10.probe(check({ url: `${http.url}/` }), new AbortController().signal);
    expect(observed.failure).toContain('not in an allowed network (10.0.0.0/8)');
  });

  it('connects over TCP', async () => {
    expect(
      (await run({ type: 'tcp', host: '127.0.0.1', port: http.port, conditions: ['[CONNECTED] == true'] }))
        .verdict.success,
    ).toBe(true);
    const refused = await run({ type: 'tcp', host: '127.0.0.1', port: await refusedPort() });
    expect(refused.verdict.error).toContain('ECONNREFUSED');
  });

  it('queries DNS for record type, answers and rcode', async () => {
    const ok = await run({
      type: 'dns',
      query: 'app.test',
      server: dns.server,
      expected_answers: ['10.0.0.2', '10.0.0.1'],
    });
    expect(ok.verdict.success).toBe(true);
    expect(ok.observed.dnsLookupMs).toBeGreaterThan(0);
    const txt = await run({
      type: 'dns',
      query: 'app.test',
      record_type: 'TXT',
      server: dns.server,
      expected_answers: ['v=ok'],
    });
    expect(txt.verdict.success).toBe(true);
    const wrong = await run({
      type: 'dns',
      query: 'app.test',
      server: dns.server,
      expected_answers: ['10.0.0.9'],
    });
    expect(wrong.verdict.error).toBe('expected answers [10.0.0.9], got [10.0.0.1, 10.0.0.2]');
    const missing = await run({ type: 'dns', query: 'nope.test', server: dns.server });
    expect(missing.verdict.error).toBe('expected rcode NOERROR, got NXDOMAIN');
    expect(
      (await run({ type: 'dns', query: 'nope.test', server: dns.server, expected_rcode: 'nxdomain' })).verdict
        .success,
    ).toBe(true);
    expect(
      (
        await run({
          type: 'dns',
          query: 'broken.test',
          server: dns.server,
          conditions: ['[DNS_RCODE] == SERVFAIL'],
        })
      ).verdict.error,
    ).toBe('expected rcode NOERROR, got SERVFAIL');
  });

  it('reads a certificate expiry over plain TLS', async () => {
    const { observed, verdict } = await run({
      type: 'tls',
      host: '127.0.0.1',
      port: https.port,
      tls_verify: false,
      min_validity: '720h',
    });
    expect(observed.certificateExpiresAtMs).toBe(cert.expiresAtMs);
    expect(verdict.error).toMatch(/^certificate expires in .* less than min_validity 30d$/);
  });

  it('runs a journey with extracted variables, names the failing step and still cleans up', async () => {
    const steps = [
      {
        name: 'login',
        url: `${http.url}/login`,
        method: 'POST',
        body: '{}',
        store: { token: '[BODY].token', session: '[HEADER].x-session', digits: '[BODY] =~ /t-(\\d+)/' },
      },
      {
        name: 'me',
        url: `${http.url}/me?s={{session}}&d={{digits}}`,
        headers: { authorization: 'Bearer {{token}}' },
        conditions: ['[STATUS] == 200'],
      },
      { name: 'logout', url: `${http.url}/logout`, always: true },
    ];
    const ok = await run({ type: 'journey', steps });
    expect(ok.verdict.success).toBe(true);
    expect(http.requests.some((r) => r.path === '/me?s=s-1&d=42')).toBe(true);

    const broken = [{ ...steps[0], store: { token: '[BODY].nope' } }, steps[1], steps[2]];
    const failed = await run({ type: 'journey', steps: broken });
    expect(failed.observed.failedStep).toBe('login');
    expect(failed.verdict.error).toBe('step "login" failed: could not extract "token" from [BODY].nope');
    expect(failed.observed.steps?.map((s) => [s.name, s.ran, s.success])).toEqual([
      ['login', true, false],
      ['me', false, false],
      ['logout', true, true],
    ]);
  });

  it('judges push checks by the last push within the interval', async () => {
    const push = check({ type: 'push', token: 'secret-token', interval: '1m' });
    expect((await prober.probe(push, new AbortController().signal)).failure).toBe(
      'no push within 1m (last push: never)',
    );
    await pushes.record('c', Date.now());
    expect((await prober.probe(push, new AbortController().signal)).failure).toBeUndefined();
  });
});
