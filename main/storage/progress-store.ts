import type { Db } from './db';
import { writeTransaction } from './database';
import { dossierIdByPortalId, setDossierStatus } from './dossier-store';
import { stmt } from './statements';
import { setSyncState } from './sync-state-store';

// The back office's progress on our dossiers, as the portal's feed tells it.

export type ProgressEvent = Readonly<{ cursor: string; portalId: string; status: number; unit: string; officer: string; at: string; note: string }>;

/** Applies feed events to our dossiers and moves the cursor, in one transaction; answers the dossiers changed. */
export function applyFeed(db: Db, events: readonly ProgressEvent[], next: string, now: number): number[] {
  return writeTransaction(db, () => {
    const changed: number[] = [];
    for (const e of events) {
      const id = dossierIdByPortalId(db, e.portalId);
      if (id === undefined) continue; // another station's dossier
      const inserted = stmt(
        db,
        'INSERT OR IGNORE INTO dossier_progress (dossier_id, cursor, status, unit, officer, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, e.cursor, e.status, e.unit, e.officer, e.at, e.note).changes;
      if (inserted) {
        setDossierStatus(db, id, e.status, now);
        changed.push(id);
      }
    }
    setSyncState(db, 'feedCursor', next);
    return changed;
  });
}

export type ProgressStep = Readonly<{ status: number; unit: string; officer: string; at: string; note: string }>;

export function dossierProgress(db: Db, dossierId: number): ProgressStep[] {
  return stmt(db, 'SELECT status, unit, officer, at, note FROM dossier_progress WHERE dossier_id = ? ORDER BY id').all(dossierId) as ProgressStep[];
}
