import { fromVietnamLocal, isValidLocalDateTime, toVietnamLocal } from '../../core/time';

// The web host's test clock (`--test-clock 2027-03-08T09:00`): the station's time starts at a
// chosen Vietnam wall-clock moment and runs on at the real pace; a test moves it with the
// host-only channel `testClock.set`. It lets an end-to-end test live a dossier's whole life —
// received on Monday, returned late the next week — in a few seconds. Only the web host has it:
// the desktop host always runs on the PC's clock.

export type TestClock = Readonly<{
  now: () => Date;
  /** The current moment, "YYYY-MM-DDTHH:mm". */
  local: () => string;
  /** Moves the clock to a Vietnam wall-clock moment; it runs on from there. */
  set: (local: string) => void;
}>;

export function createTestClock(start: string, realNow: () => number = Date.now): TestClock {
  if (!isValidLocalDateTime(start)) throw new RangeError(`The test clock needs "YYYY-MM-DDTHH:mm" (Vietnam time), got ${JSON.stringify(start)}.`);
  let offset = fromVietnamLocal(start).getTime() - realNow();
  const now = () => new Date(realNow() + offset);
  return {
    now,
    local: () => toVietnamLocal(now()),
    set: (local) => {
      if (!isValidLocalDateTime(local)) throw new RangeError(`The test clock needs "YYYY-MM-DDTHH:mm", got ${JSON.stringify(local)}.`);
      offset = fromVietnamLocal(local).getTime() - realNow();
    },
  };
}
