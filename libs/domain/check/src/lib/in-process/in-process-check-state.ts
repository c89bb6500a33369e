/**
 * API-made checks, their pause set and the runners' catalog, held in memory for all-in-one without Redis. Values
 * are the same JSON strings Redis would hold, so each app parses them with its own schema and no object is shared
 * by reference between them.
 */
export interface InProcessCheckState {
  /** name -> stored check (`StoredCheckV1` JSON), written by dashboard-api. */
  readonly checks: Map<string, string>;
  readonly paused: Set<string>;
  /** name -> what the runner runs (its check view JSON), written by synthetic-runner. */
  readonly catalog: Map<string, string>;
}

// All-in-one loads each app's own bundle, so module-level singletons are per app; a registry symbol on globalThis
// is the one place dashboard-api and synthetic-runner can meet (the in-process event bus does the same).
const STATE_KEY = Symbol.for('neo.domain-check.in-process-state');

/** The process-wide state; created on first use. Lost when the process exits and not seen by other processes. */
export function inProcessCheckState(): InProcessCheckState {
  const holder = globalThis as unknown as Record<symbol, InProcessCheckState | undefined>;
  let state = holder[STATE_KEY];
  if (!state) {
    state = { checks: new Map(), paused: new Set(), catalog: new Map() };
    holder[STATE_KEY] = state;
  }
  return state;
}
