// A keyboard-wedge scanner types a card's QR (~100 characters) a few ms apart, then Enter; a
// person types a key every 100 ms or more. This tells the two apart from the keys' times alone
// (given, not read from a clock, so that it is tested without timing). A busy PC may hold a key
// or two back: a burst forgives up to `stalls` pauses of at most `stallMs`; a person's typing,
// with every gap above the limit, never runs to the burst's length.

export type BurstRules = Readonly<{ maxKeyGapMs: number; minLength: number; stalls?: number; stallMs?: number }>;

export type BurstDetector = Readonly<{
  /** Text put into the field at `at` (ms); true when it starts a new run of keys. */
  input: (text: string, at: number) => boolean;
  /** Enter at `at`: the burst's text if the keys since the run began are a scanner's, else null. Either way the run ends. */
  enter: (at: number) => string | null;
  reset: () => void;
}>;

export function burstDetector(rules: BurstRules): BurstDetector {
  const stallsAllowed = rules.stalls ?? 2;
  const stallMs = rules.stallMs ?? 1000;
  let text = '';
  let lastAt = 0;
  let stalls = 0;
  const fits = (gap: number) => gap <= rules.maxKeyGapMs || (gap <= stallMs && stalls++ < stallsAllowed);
  const reset = () => { text = ''; stalls = 0; };
  return {
    input: (typed, at) => {
      const fresh = text === '' || !fits(at - lastAt);
      if (fresh) reset();
      text += typed;
      lastAt = at;
      return fresh;
    },
    enter: (at) => {
      const burst = text.length >= rules.minLength && fits(at - lastAt) ? text : null;
      reset();
      return burst;
    },
    reset,
  };
}
