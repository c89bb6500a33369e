/** The agents a story passes through, in order, with their typical latency (ms) and interaction kind. */
export const AGENT_PIPELINE = [
  { agent: 'planner', meanMs: 40, interaction: 'plot_outline' },
  { agent: 'character', meanMs: 60, interaction: 'dialogue' },
  { agent: 'world', meanMs: 30, interaction: 'setting' },
  { agent: 'writer', meanMs: 120, interaction: 'conflict' },
  { agent: 'editor', meanMs: 50, interaction: 'revision' },
] as const;

/** Latency with a long tail, like a model call: mostly near the mean, sometimes several times it. */
export function agentLatencyMs(meanMs: number, random: () => number = Math.random): number {
  const jitter = 0.5 + random();
  const tail = random() < 0.05 ? 3 + random() * 3 : 1;
  return Math.round(meanMs * jitter * tail);
}
