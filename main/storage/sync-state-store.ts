import type { Db } from './db';
import { stmt } from './statements';

// Small facts the sync worker keeps between runs: the feed cursor, catalogue and calendar
// versions, the time of the last acknowledgement.

export function setSyncState(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getSyncState(db: Db, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}
