import { Test } from '@nestjs/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { call } from '../../test-support/http';
import { LogCapture } from '../../test-support/log-capture';
import { NovelEngineMetrics } from '../novel-engine/novel-engine-metrics';
import { NovelEngineMetricsModule } from '../novel-engine/novel-engine-metrics.module';
import { ObservabilityModule } from '../observability.module';
import { BusinessMetrics } from './business-metrics';

/** promtool comes with the Debian package `prometheus`; the support script installs it when missing. */
function promtool(): string {
  execFileSync('sh', [join(__dirname, '../../test-support/ensure-promtool.sh')], { stdio: 'inherit' });
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('promtool not found and could not be installed (apt-get install prometheus)');
  return found;
}

describe('/metrics output', () => {
  it('passes `promtool check metrics` with HTTP, process, host, business and Novel Engine metrics', async () => {
    const binary = promtool();
    const logs = new LogCapture();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ serviceName: 'novel', logging: { destination: logs } }),
        NovelEngineMetricsModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const business = app.get(BusinessMetrics);
      business.setActiveUsers(3);
      business.featureUsed('export');
      business.operation('story.publish', 'success');
      business.revenueBooked(9.99, 'EUR', 'premium');
      business.conversion('signup', 'verified');
      const novel = app.get(NovelEngineMetrics);
      await novel.timeGeneration('noir', async () => ({ qualityScore: 0.8 }));
      novel.agentStep('planner', 'writer', 0.02);
      novel.characterInteraction('dialogue');
      const { port } = app.getHttpServer().address() as AddressInfo;
      await call(port, '/nowhere');
      const text = (await call(port, '/metrics')).body;
      // Default access log: only the rejected request, not the scrape.
      expect(logs.lines.filter((line) => 'http' in line).map((line) => line['msg'])).toEqual([
        'request rejected',
      ]);
      expect(text).toContain('novel_story_quality_score_bucket');
      expect(text).toContain('business_revenue_total{currency="EUR",product="premium"');
      const check = spawnSync(binary, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: check.status, output: `${check.stdout}${check.stderr}` }).toEqual({
        status: 0,
        output: '',
      });
    } finally {
      await app.close();
    }
  });
});
