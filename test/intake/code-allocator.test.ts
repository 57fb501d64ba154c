import { describe, expect, it } from 'vitest';
import {
  acceptLease, addLease, leasedNumbersLeft, MAX_USED_RANGES, mergeRanges, numbersHeld, numbersUsed, type OwnBlock,
} from '../../main/storage/code-allocation';
import { openTestStation } from '../helpers/station';

// How numbers are told to the portal and how its leases are checked, on a real station database
// (the test clock: Monday 23/11/2026). Station 1 of 000.00.06.H56 owns 0001–0999 of each day.

const AGENCY = '000.00.06.H56';
const DAY = '2026-11-23';
const OWN: OwnBlock = { scope: `${AGENCY}#1`, first: 1 };
const leases = (db: ReturnType<typeof openTestStation>['db']) =>
  db.prepare('SELECT id, first, last, next FROM number_leases ORDER BY first').all() as Array<{ id: string; first: number; last: number; next: number }>;

describe('the numbers a station used and holds', () => {
  it('merges ranges that overlap or touch, in any order', () => {
    expect(mergeRanges([{ first: 20, last: 20 }, { first: 4, last: 9 }, { first: 1, last: 3 }, { first: 8, last: 12 }, { first: 5, last: 4 }])).toEqual([
      { first: 1, last: 12 }, { first: 20, last: 20 },
    ]);
    expect(mergeRanges([])).toEqual([]);
  });

  it('counts its own block and the used part of its leases as used, and whole leases as held', async () => {
    const station = openTestStation();
    await station.save(await station.validDraft());
    await station.save(await station.validDraft()); // 0001, 0002 from its own block
    addLease(station.db, { id: 'L1', agency: AGENCY, day: DAY, first: 40, last: 49 }, 0);
    station.db.prepare("UPDATE number_leases SET next = 43 WHERE id = 'L1'").run(); // 40–42 used
    addLease(station.db, { id: 'L2', agency: AGENCY, day: DAY, first: 50, last: 59 }, 0); // none used
    addLease(station.db, { id: 'L3', agency: AGENCY, day: '2026-11-24', first: 1, last: 9 }, 0); // another day

    expect(numbersUsed(station.db, AGENCY, DAY, OWN)).toEqual([{ first: 1, last: 2 }, { first: 40, last: 42 }]);
    expect(numbersHeld(station.db, AGENCY, DAY, OWN)).toEqual([{ first: 1, last: 2 }, { first: 40, last: 59 }]);
    expect(numbersUsed(station.db, AGENCY, '2026-11-25', OWN)).toEqual([]);
    expect(numbersUsed(station.db, 'OTHER.AGENCY', DAY, { scope: 'OTHER.AGENCY#1', first: 1 })).toEqual([]);
  });

  it('sends one range covering them all rather than a list too long for the portal', () => {
    const station = openTestStation();
    for (let i = 0; i <= MAX_USED_RANGES; i++) {
      addLease(station.db, { id: `L${i}`, agency: AGENCY, day: DAY, first: 100 + i * 10, last: 104 + i * 10 }, 0);
      station.db.prepare('UPDATE number_leases SET next = first + 1 WHERE id = ?').run(`L${i}`);
    }
    expect(numbersUsed(station.db, AGENCY, DAY, null)).toEqual([{ first: 100, last: 100 + MAX_USED_RANGES * 10 }]);
  });
});

describe('a lease answered by the portal', () => {
  it('is refused and not stored when it overlaps a number the station used or holds', async () => {
    const station = openTestStation();
    for (let i = 0; i < 3; i++) await station.save(await station.validDraft()); // 0001–0003
    const overlapping = acceptLease(station.db, { id: 'A', agency: AGENCY, day: DAY, first: 1, last: 50 }, { agency: AGENCY, day: DAY }, OWN, 0);
    expect(overlapping).toEqual({ kind: 'overlap', lease: { first: 1, last: 50 }, held: { first: 1, last: 3 } });
    expect(leases(station.db)).toEqual([]);

    expect(acceptLease(station.db, { id: 'B', agency: AGENCY, day: DAY, first: 4, last: 53 }, { agency: AGENCY, day: DAY }, OWN, 0)).toEqual({ kind: 'stored' });
    expect(leasedNumbersLeft(station.db, AGENCY, DAY)).toBe(50);
    // Another block overlapping the lease just stored (unused numbers are held too).
    expect(acceptLease(station.db, { id: 'C', agency: AGENCY, day: DAY, first: 53, last: 60 }, { agency: AGENCY, day: DAY }, OWN, 0).kind).toBe('overlap');
    // The same lease again (a repeated answer) changes nothing.
    expect(acceptLease(station.db, { id: 'B', agency: AGENCY, day: DAY, first: 4, last: 53 }, { agency: AGENCY, day: DAY }, OWN, 0)).toEqual({ kind: 'known' });
    expect(leases(station.db)).toEqual([{ id: 'B', first: 4, last: 53, next: 4 }]);
  });

  it('is refused when it is for another agency or day, names another block under a known id, or is empty', () => {
    const station = openTestStation();
    const asked = { agency: AGENCY, day: DAY };
    expect(acceptLease(station.db, { id: 'X', agency: 'OTHER', day: DAY, first: 1, last: 5 }, asked, OWN, 0).kind).toBe('invalid');
    expect(acceptLease(station.db, { id: 'X', agency: AGENCY, day: '2026-11-24', first: 1, last: 5 }, asked, OWN, 0).kind).toBe('invalid');
    expect(acceptLease(station.db, { id: 'X', agency: AGENCY, day: DAY, first: 9, last: 5 }, asked, OWN, 0).kind).toBe('invalid');
    expect(acceptLease(station.db, { id: 'X', agency: AGENCY, day: DAY, first: 0, last: 5 }, asked, OWN, 0).kind).toBe('invalid');
    expect(acceptLease(station.db, { id: 'Y', agency: AGENCY, day: DAY, first: 1, last: 5 }, asked, OWN, 0).kind).toBe('stored');
    expect(acceptLease(station.db, { id: 'Y', agency: AGENCY, day: DAY, first: 100, last: 105 }, asked, OWN, 0)).toMatchObject({ kind: 'invalid', detail: expect.stringContaining('IdCapSo Y') });
    expect(leases(station.db)).toEqual([{ id: 'Y', first: 1, last: 5, next: 1 }]);
  });
});

describe("the station's own block", () => {
  it('skips numbers it leased while a portal was configured', async () => {
    const station = openTestStation(); // no portal: numbers from its own block
    const first = await station.save(await station.validDraft());
    expect(first.code).toBe(`${AGENCY}-261123-0001`);
    // Leased while a portal was configured (two blocks, one right after the other), then the portal was switched off.
    addLease(station.db, { id: 'L1', agency: AGENCY, day: DAY, first: 2, last: 10 }, 0);
    addLease(station.db, { id: 'L2', agency: AGENCY, day: DAY, first: 11, last: 12 }, 0);
    station.db.prepare("UPDATE number_leases SET next = 6 WHERE id = 'L1'").run();
    const next = await station.save(await station.validDraft());
    expect(next.code).toBe(`${AGENCY}-261123-0013`);
    expect((await station.save(await station.validDraft())).code).toBe(`${AGENCY}-261123-0014`);
    // Another day's lease does not move today's numbers.
    addLease(station.db, { id: 'L3', agency: AGENCY, day: '2026-11-24', first: 15, last: 20 }, 0);
    expect((await station.save(await station.validDraft())).code).toBe(`${AGENCY}-261123-0015`);
  });
});
