import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

// Compiling a statement costs about as much as a small commit; each SQL string is prepared
// once per connection and reused (intake runs ~18 statements per dossier).
const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
