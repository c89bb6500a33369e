import { LogCapture } from '../../test-support/log-capture';
import { PinoNestLogger } from './pino-nest-logger';
import { createRootLogger } from './root-logger';

describe('PinoNestLogger', () => {
  it('writes Nest log calls as each service itself, with context, stack and scrubbed objects', () => {
    const out = new LogCapture();
    const collector = new PinoNestLogger(
      createRootLogger({ serviceName: 'collector', level: 'info', destination: out }),
    );
    const demo = new PinoNestLogger(
      createRootLogger({ serviceName: 'novel-engine-demo', level: 'info', destination: out }),
    );
    collector.log('scrape loop started', 'ScrapeService');
    demo.warn({ msg: 'login failed', user: 'ada@example.com', password: 'hunter2' }, 'AccountController');
    collector.error('scrape failed', 'Error: boom\n    at scrape', 'ScrapeService');
    const [started, warned, failed] = out.lines;
    expect(started).toMatchObject({
      service: 'collector',
      context: 'ScrapeService',
      msg: 'scrape loop started',
      level: 30,
    });
    expect(warned).toMatchObject({
      service: 'novel-engine-demo',
      msg: 'login failed',
      user: '[email]',
      password: '[redacted]',
    });
    expect(failed).toMatchObject({ service: 'collector', level: 50, stack: 'Error: boom\n    at scrape' });
  });
});
