import { formatDuration } from '@neo/domain-metric';
import type { Check, DnsCheck } from '@neo/domain-check';
import type { Observation } from '../probes/observation';
import { judgeHttp, withConditions } from './judge-http';
import type { Verdict } from './verdict';

/** Judges one attempt of any kind of check against its expectations and conditions. */
export function judge(check: Check, observed: Observation, nowMs = Date.now()): Verdict {
  if (check.kind === 'http') return judgeHttp(check, observed, nowMs);
  const reasons: string[] = [];
  if (observed.failure !== undefined) reasons.push(observed.failure);
  else if (check.kind === 'dns') reasons.push(...dnsReasons(check, observed));
  else if (check.kind === 'tls' && check.minValidityMs !== undefined) {
    const left = (observed.certificateExpiresAtMs ?? 0) - nowMs;
    if (left < check.minValidityMs) {
      reasons.push(
        `certificate expires in ${formatDuration(Math.max(0, Math.floor(left / 1000)) * 1000)}, less than min_validity ${formatDuration(check.minValidityMs)}`,
      );
    }
  }
  return withConditions(reasons, check.conditions, observed, nowMs);
}

function dnsReasons(check: DnsCheck, observed: Observation): string[] {
  const reasons: string[] = [];
  if (observed.dnsRcode !== check.expectedRcode) {
    reasons.push(`expected rcode ${check.expectedRcode}, got ${observed.dnsRcode ?? 'none'}`);
  }
  if (check.expectedAnswers !== undefined) {
    const got = [...(observed.dnsAnswers ?? [])].sort();
    const want = [...check.expectedAnswers].sort();
    if (got.join('\n') !== want.join('\n')) {
      reasons.push(`expected answers [${want.join(', ')}], got [${got.join(', ')}]`);
    }
  }
  return reasons;
}
