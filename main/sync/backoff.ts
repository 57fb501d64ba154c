/**
 * Exponential backoff with full jitter: a random delay between 0 and min(cap, base·2^attempt).
 * Full jitter spreads the retries of many stations coming back online at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
