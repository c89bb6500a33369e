import type { Check } from '@neo/domain-check';
import { journeyProbe } from '../journeys/journey-probe';
import { pushProbe } from '../push/push-probe';
import type { PushStore } from '../push/push-store';
import { dnsProbe } from './dns-probe';
import { httpExchange } from './http-exchange';
import type { NetworkPolicy } from './network-policy';
import type { Observation } from './observation';
import { tcpProbe } from './tcp-probe';
import { tlsProbe } from './tls-probe';

/** Performs one attempt of any kind of check; never throws, failures are part of the observation. */
export interface Probe {
  probe(check: Check, signal: AbortSignal): Promise<Observation>;
}

export class Prober implements Probe {
  constructor(
    private readonly policy: NetworkPolicy,
    private readonly pushes: PushStore,
    private readonly startedAtMs = Date.now(),
  ) {}

  probe(check: Check, signal: AbortSignal): Promise<Observation> {
    switch (check.kind) {
      case 'http':
        return httpExchange(check, signal, this.policy);
      case 'tcp':
        return tcpProbe(check, signal, this.policy);
      case 'dns':
        return dnsProbe(check, signal, this.policy);
      case 'tls':
        return tlsProbe(check, signal, this.policy);
      case 'journey':
        return journeyProbe(check, signal, this.policy);
      case 'push':
        return pushProbe(check, this.pushes, this.startedAtMs).catch((error: unknown) => ({
          durationMs: 0,
          failure: `push state unavailable: ${String(error)}`,
        }));
    }
  }
}
