import { LogCapture } from '../../test-support/log-capture';
import { ObservabilityLogger } from './observability-logger';
import { createRootLogger } from './root-logger';

const SECRETS = [
  'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzQyIn0.sig',
  'session=9f8e7d6c5b4a',
  'hunter2-Correct-Horse',
  'sk_live_51HxYzAbCdEf',
  'ghp_R4nd0mT0k3nV4lu3',
  'ada.lovelace@example.com',
  '4111 1111 1111 1111',
  '5500-0000-0000-0004',
  'refresh-abc-123',
  'home address 1 Rue Royale',
];

describe('redaction before anything is written', () => {
  it('removes credentials by key name, e-mails and card numbers in values, and configured paths', () => {
    const out = new LogCapture();
    const root = createRootLogger({
      serviceName: 'checkout',
      level: 'info',
      destination: out,
      redactPaths: ['order.shipping.address'],
    });
    const logger = new ObservabilityLogger(root);
    // A request dump the way a careless handler would log it.
    root.info(
      {
        req: {
          method: 'POST',
          url: '/login?next=/cart&token=refresh-abc-123',
          headers: {
            authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzQyIn0.sig',
            cookie: 'session=9f8e7d6c5b4a',
            'x-api-key': 'sk_live_51HxYzAbCdEf',
            'user-agent': 'Mozilla/5.0',
          },
        },
        body: { user: { email: 'ada.lovelace@example.com', password: 'hunter2-Correct-Horse' } },
      },
      'login attempt',
    );
    logger.business.event('checkout.completed', {
      order: { id: 'ord_77', shipping: { address: 'home address 1 Rue Royale' } },
      payment: { card: '4111 1111 1111 1111', apiKey: 'sk_live_51HxYzAbCdEf' },
      github_token: 'ghp_R4nd0mT0k3nV4lu3',
      tokensUsed: 1234,
    });
    logger.application.warn('retrying charge for ada.lovelace@example.com with card 5500-0000-0000-0004');
    logger.application.error('charge failed', { err: new Error('card 4111111111111111 declined') });

    for (const secret of [...SECRETS, '4111111111111111']) expect(out.text).not.toContain(secret);
    const [login, checkout, retry] = out.lines;
    expect(login?.['req']).toMatchObject({
      url: '/login?next=/cart&token=[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'Mozilla/5.0' },
    });
    expect(login?.['body']).toEqual({ user: { email: '[email]', password: '[redacted]' } });
    expect(checkout).toMatchObject({
      category: 'business',
      event: 'checkout.completed',
      order: { id: 'ord_77', shipping: { address: '[redacted]' } },
      payment: { card: '[card]', apiKey: '[redacted]' },
      tokensUsed: 1234,
    });
    expect(retry?.['msg']).toBe('retrying charge for [email] with card [card]');
  });

  it('keeps order ids and timestamps that merely look numeric', () => {
    const out = new LogCapture();
    const logger = new ObservabilityLogger(
      createRootLogger({ serviceName: 's', level: 'info', destination: out }),
    );
    logger.application.info('order 1234567890123 shipped at 1732700000000');
    expect(out.lines[0]?.['msg']).toBe('order 1234567890123 shipped at 1732700000000');
  });

  it('writes audit lines with who, what and which object', () => {
    const out = new LogCapture();
    const logger = new ObservabilityLogger(
      createRootLogger({ serviceName: 's', level: 'info', destination: out }),
    );
    logger.audit.record({
      actor: 'u_42',
      action: 'story.delete',
      target: { type: 'story', id: 'st_9' },
      outcome: 'success',
    });
    logger.audit.record({
      actor: 'u_7',
      action: 'role.grant',
      target: { type: 'user', id: 'u_8' },
      outcome: 'denied',
    });
    expect(out.lines[0]).toMatchObject({
      category: 'audit',
      level: 30,
      audit: {
        actor: 'u_42',
        action: 'story.delete',
        target_type: 'story',
        target_id: 'st_9',
        outcome: 'success',
      },
    });
    expect(out.lines[1]).toMatchObject({ category: 'audit', level: 40, audit: { outcome: 'denied' } });
  });
});
