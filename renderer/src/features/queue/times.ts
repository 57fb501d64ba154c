/** Whole minutes from one station time to a later one ("2026-11-23T09:32" → "…T09:47" is 15). */
export function minutesBetween(from: string, to: string): number {
  const ms = (s: string) => Date.parse(`${s}:00Z`);
  return Math.max(0, Math.round((ms(to) - ms(from)) / 60_000));
}
