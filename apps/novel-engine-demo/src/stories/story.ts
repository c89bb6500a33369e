export const GENRES = ['fantasy', 'noir', 'scifi', 'romance'] as const;
export type Genre = (typeof GENRES)[number];

export interface Story {
  readonly id: string;
  readonly genre: Genre;
  readonly title: string;
  readonly chapters: readonly string[];
  readonly qualityScore: number;
  readonly agents: readonly string[];
}

/** A generation step that failed; its name becomes the failure `reason` label. */
export class AgentTimeoutError extends Error {
  override readonly name = 'AgentTimeoutError';
}

export class IncoherentPlotError extends Error {
  override readonly name = 'IncoherentPlotError';
}
