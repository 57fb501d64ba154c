import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Envelope } from '../../main/contract/channels';
import type { Officer } from '../../main/contract/dispatch';
import type { DossierDraft, DossierView } from '../../main/contract/schemas';
import type { ErrorPayload } from '../../main/core/errors';
import { fromVietnamLocal } from '../../main/core/time';
import { openStation, type Station } from '../../main/station';
import { BIRTH_REGISTRATION, draftFor, type DraftOverrides } from './drafts';

/**
 * The officer in-process tests call the station as (every role), where a test is not about
 * logging in: `callsWithoutSession`. Tests of sessions and permissions log in for real.
 */
export const TEST_OFFICER = { id: 'test-officer', name: 'Cán bộ tiếp nhận', roles: ['reception', 'technician', 'leader'] } as const satisfies Officer;

/** Monday 23/11/2026, 09:32 in Vietnam: a working morning. */
export const FIXED_NOW = new Date('2026-11-23T02:32:00Z');

/** A temporary data folder, removed when the current test ends. Call it inside a test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The station's clock, fixed unless a test moves it. */
export type TestClock = {
  now: () => Date;
  /** Sets the clock to a Vietnam wall-clock time, "YYYY-MM-DDTHH:mm". */
  setLocal: (local: string) => void;
};

function fixedClock(start: Date): TestClock {
  let current = start;
  return { now: () => current, setLocal: (local) => { current = fromVietnamLocal(local); } };
}

export type TestStation = Station & {
  dir: string;
  clock: TestClock;
  /** Through the contract, as a host calls it: payload validated, errors as typed envelopes. */
  call: (channel: string, payload: unknown) => Promise<Envelope<unknown>>;
  /** A valid form for a demo-catalogue procedure (every mandatory document ticked). */
  validDraft: (overrides?: DraftOverrides, procedureCode?: string) => Promise<DossierDraft>;
  /** Saves through the contract; fails the test with the station's answer if refused. */
  save: (draft: DossierDraft) => Promise<DossierView>;
  /** Calls a channel expecting a refusal; answers the error payload. */
  refused: (channel: string, payload: unknown) => Promise<ErrorPayload>;
  /** Closes the database and opens the station again on the same data folder. */
  reopen: () => TestStation;
};

/**
 * A station on a fresh temporary data folder (or `dir`), with a fixed clock. The database is
 * closed and the folder removed when the test ends.
 */
export function openTestStation(options: { dir?: string; now?: Date; clock?: TestClock } = {}): TestStation {
  const dir = options.dir ?? tempDir();
  const clock = options.clock ?? fixedClock(options.now ?? FIXED_NOW);
  const station = openStation({ dataDir: dir, host: 'web', version: 'test', now: clock.now, callsWithoutSession: TEST_OFFICER });
  onTestFinished(() => (station.db.open ? station.close() : undefined));
  const dispatch = station.dispatch;

  const self: TestStation = {
    ...station,
    dir,
    clock,
    call: dispatch,
    validDraft: async (overrides = {}, procedureCode = BIRTH_REGISTRATION) =>
      draftFor(await station.handlers['catalogue.get']({ code: procedureCode }), overrides),
    save: async (draft) => {
      const answer = await dispatch('dossier.save', draft);
      if (!answer.ok) throw new Error(`dossier.save refused: ${JSON.stringify(answer.error)}`);
      return answer.value as DossierView;
    },
    refused: async (channel, payload) => {
      const answer = await dispatch(channel, payload);
      if (answer.ok) throw new Error(`${channel} was expected to refuse but answered ${JSON.stringify(answer.value)}`);
      return answer.error;
    },
    reopen: () => {
      void station.close(); // no feature workers here: the database closes before this returns
      return openTestStation({ dir, clock });
    },
  };
  return self;
}

/** Row counts of the tables a save writes: a refused save must leave them all unchanged. */
export function writtenRows(station: Station): Record<string, number> {
  const tables = ['dossiers', 'dossier_documents', 'dossier_search_names', 'outbox', 'dossier_sequences', 'log_book_lines'];
  return Object.fromEntries(
    tables.map((t) => [t, (station.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

/** Matches text containing Vietnamese letters: error messages a person reads must be in Vietnamese. */
export const VIETNAMESE_TEXT = /[ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ]/i;

const openSessions = new WeakMap<Pick<Station, 'sessions'>, Map<string, string>>();

/** A session of `officer` at this station (one per officer), for calls made as them through `dispatch`. */
export function sessionOf(station: Pick<Station, 'sessions'>, officer: Officer): string {
  let byOfficer = openSessions.get(station);
  if (!byOfficer) openSessions.set(station, (byOfficer = new Map()));
  let id = byOfficer.get(officer.id);
  if (!id) byOfficer.set(officer.id, (id = station.sessions.open(officer, { idleLock: false }).id)); // an officer at work: the tests move their clocks on
  return id;
}
