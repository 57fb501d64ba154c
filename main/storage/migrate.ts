import type { Db } from './db';
import { migrations } from './migrations';

/** Applies each numbered migration above the database's user_version, one transaction each. */
export function migrate(db: Db, targetVersion = migrations.length): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new Error(`Database schema v${version} is newer than this station (v${migrations.length}); update the station.`);
  }
  for (const migration of migrations.slice(version, targetVersion)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    version = migration.version;
  }
  return version;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
