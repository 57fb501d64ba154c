import { useEffect, useState } from 'react';
import { StationCallError } from '../station';

// The wait the station imposes after wrong PINs (PIN_THROTTLED, or a final-try warning that
// carries the wait): the dialog counts it down and keeps its button off until it runs out. The
// station stays the judge — a try sent early is refused there too — this only spares the officer
// a click that cannot work.

/** The seconds to wait that a refused signing carries, if any. */
export function retryAfterSecondsOf(error: unknown): number {
  if (!(error instanceof StationCallError)) return 0;
  const seconds = error.payload.params.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
}

/** Seconds left (0 when the officer may try), and how to start a wait from a refused call. */
export function usePinCountdown(): Readonly<{ seconds: number; startFrom: (error: unknown) => void }> {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(1000, until - now));
    return () => clearTimeout(timer);
  }, [until, now]);
  return {
    seconds: until > now ? Math.ceil((until - now) / 1000) : 0,
    startFrom: (error) => {
      const seconds = retryAfterSecondsOf(error);
      if (seconds === 0) return;
      const at = Date.now();
      setNow(at);
      setUntil(at + seconds * 1000);
    },
  };
}
