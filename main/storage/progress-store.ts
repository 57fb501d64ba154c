import type { Db } from './db';
import { writeTransaction } from './database';
import { dossierIdByPortalId } from './dossier-store';
import { applyFeedEvent, lifecycleContextOf, type LifecycleContext } from './lifecycle-store';
import { stmt } from './statements';
import { setSyncState } from './sync-state-store';

// The back office's progress on our dossiers, as the portal's feed tells it. Each event goes
// through the lifecycle's transition table (lifecycle-store.ts applyFeedEvent): a change the
// table allows is applied with its history row; a hand-off is a note; anything else is kept as
// a conflict for an officer, never applied over the station's record.

export type ProgressEvent = Readonly<{ cursor: string; portalId: string; status: number; unit: string; officer: string; at: string; note: string }>;

export type FeedResult = Readonly<{ changed: number[]; conflicts: number[] }>;

/** Applies feed events and moves the cursor, in one transaction; answers the dossiers changed and those now in conflict. */
export function applyFeedEvents(db: Db, events: readonly ProgressEvent[], next: string, now: number): FeedResult {
  return writeTransaction(db, () => {
    const changed: number[] = [];
    const conflicts: number[] = [];
    let ctx: LifecycleContext | undefined;
    for (const e of events) {
      const id = dossierIdByPortalId(db, e.portalId);
      if (id === undefined) continue; // another station's dossier
      const inserted = stmt(
        db,
        'INSERT OR IGNORE INTO dossier_progress (dossier_id, cursor, status, unit, officer, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, e.cursor, e.status, e.unit, e.officer, e.at, e.note).changes;
      if (!inserted) continue; // seen before: the cursor is saved with the changes, but a page may come twice
      ctx ??= lifecycleContextOf(db);
      const outcome = applyFeedEvent(db, ctx, id, e, new Date(now));
      if (!changed.includes(id)) changed.push(id);
      if (outcome === 'conflict' && !conflicts.includes(id)) conflicts.push(id);
    }
    setSyncState(db, 'feedCursor', next);
    return { changed, conflicts };
  });
}

/** As applyFeedEvents, answering only the dossiers changed. */
export function applyFeed(db: Db, events: readonly ProgressEvent[], next: string, now: number): number[] {
  return applyFeedEvents(db, events, next, now).changed;
}

export type ProgressStep = Readonly<{ status: number; unit: string; officer: string; at: string; note: string }>;

export function dossierProgress(db: Db, dossierId: number): ProgressStep[] {
  return stmt(db, 'SELECT status, unit, officer, at, note FROM dossier_progress WHERE dossier_id = ? ORDER BY id').all(dossierId) as ProgressStep[];
}
