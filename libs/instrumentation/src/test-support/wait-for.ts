/** Polls until `condition` holds; fails with `description` after `timeoutMs` (no timing is asserted). */
export async function waitFor(
  condition: () => boolean,
  { description, timeoutMs = 5000 }: { description: string; timeoutMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
