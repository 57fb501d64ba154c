import type { Db } from '../db';

/** One schema version: applied in a transaction of its own, in order, never edited once shipped. */
export type Migration = Readonly<{ version: number; name: string; up: (db: Db) => void }>;
