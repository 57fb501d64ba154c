import type Database from 'better-sqlite3';

/** A connection to the station database (see database.ts for how one is opened). */
export type Db = Database.Database;
