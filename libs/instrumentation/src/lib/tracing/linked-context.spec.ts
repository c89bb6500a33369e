import { createContextKey, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { LinkedContext } from './linked-context';

const spanOf = (spanId: string) =>
  trace.wrapSpanContext({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId,
    traceFlags: TraceFlags.SAMPLED,
  });

describe('LinkedContext', () => {
  const tenant = createContextKey('tenant');

  it('reads the entries of the context it was made over and leaves that context unchanged', () => {
    const base = ROOT_CONTEXT.setValue(tenant, 'acme');
    const linked = trace.setSpan(LinkedContext.over(base), spanOf('b7ad6b7169203331'));

    expect(linked.getValue(tenant)).toBe('acme');
    expect(trace.getSpan(linked)?.spanContext().spanId).toBe('b7ad6b7169203331');
    expect(trace.getSpan(base)).toBeUndefined();
  });

  it('lets a newer entry shadow an older one without touching the contexts before it', () => {
    const outer = trace.setSpan(LinkedContext.over(ROOT_CONTEXT), spanOf('00f067aa0ba902b7'));
    const inner = trace.setSpan(outer, spanOf('b7ad6b7169203331'));

    expect(trace.getSpan(inner)?.spanContext().spanId).toBe('b7ad6b7169203331');
    expect(trace.getSpan(outer)?.spanContext().spanId).toBe('00f067aa0ba902b7');
  });

  it('reads a deleted entry as absent, as the API context does', () => {
    const withSpan = trace.setSpan(
      LinkedContext.over(ROOT_CONTEXT.setValue(tenant, 'acme')),
      spanOf('b7ad6b7169203331'),
    );

    expect(trace.getSpan(trace.deleteSpan(withSpan))).toBeUndefined();
    expect(withSpan.deleteValue(tenant).getValue(tenant)).toBeUndefined();
    expect(withSpan.getValue(tenant)).toBe('acme');
  });

  it('carries baggage set through the propagation API', () => {
    const baggage = propagation.createBaggage({ 'user.tier': { value: 'gold' } });
    const linked = propagation.setBaggage(LinkedContext.over(ROOT_CONTEXT), baggage);

    expect(propagation.getBaggage(linked)?.getEntry('user.tier')?.value).toBe('gold');
  });

  it('is not wrapped twice', () => {
    const linked = LinkedContext.over(ROOT_CONTEXT);
    expect(LinkedContext.over(linked)).toBe(linked);
  });
});
