import { GENRES, type Genre } from '../story';

export interface GenerateStoryRequest {
  readonly genre: Genre;
  readonly prompt: string;
}

/** Validates the request body by hand: the demo keeps to Nest and the instrumentation library. */
export function parseGenerateStory(body: unknown): GenerateStoryRequest | string {
  const input = (body ?? {}) as Record<string, unknown>;
  const genre = input['genre'] ?? 'fantasy';
  const prompt = input['prompt'] ?? 'a dragon who is afraid of heights';
  if (typeof genre !== 'string' || !(GENRES as readonly string[]).includes(genre)) {
    return `genre must be one of ${GENRES.join(', ')}`;
  }
  if (typeof prompt !== 'string' || prompt.length === 0 || prompt.length > 2000) {
    return 'prompt must be a string of 1 to 2000 characters';
  }
  return { genre: genre as Genre, prompt };
}
