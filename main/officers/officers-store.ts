import type { Role } from '../contract/channel';
import type { Db } from '../storage/db';
import { stmt } from '../storage/statements';

// The officers' accounts. The password hash never leaves this store except for the check.

export type OfficerRecord = Readonly<{
  id: string; username: string; fullName: string; roles: Role[]; active: boolean; mustChangePassword: boolean;
}>;

type Row = { id: string; username: string; full_name: string; roles: string; active: number; must_change_password: number; password_hash: string };

const toRecord = (r: Row): OfficerRecord => ({
  id: r.id, username: r.username, fullName: r.full_name, roles: JSON.parse(r.roles) as Role[], active: r.active === 1, mustChangePassword: r.must_change_password === 1,
});

export function officerCount(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM officers').get() as { n: number }).n;
}

export function listOfficers(db: Db): OfficerRecord[] {
  return (stmt(db, 'SELECT * FROM officers ORDER BY active DESC, full_name').all() as Row[]).map(toRecord);
}

export function officerById(db: Db, id: string): OfficerRecord | undefined {
  const row = stmt(db, 'SELECT * FROM officers WHERE id = ?').get(id) as Row | undefined;
  return row && toRecord(row);
}

/** The account and its hash, for the login check (user names are case-insensitive). */
export function officerForLogin(db: Db, username: string): (OfficerRecord & { passwordHash: string }) | undefined {
  const row = stmt(db, 'SELECT * FROM officers WHERE username = ?').get(username) as Row | undefined;
  return row && { ...toRecord(row), passwordHash: row.password_hash };
}

export function passwordHashOf(db: Db, id: string): string | undefined {
  return (stmt(db, 'SELECT password_hash FROM officers WHERE id = ?').get(id) as { password_hash: string } | undefined)?.password_hash;
}

export function insertOfficer(
  db: Db,
  o: Readonly<{ id: string; username: string; fullName: string; roles: readonly Role[]; passwordHash: string; mustChangePassword: boolean }>,
  now: number,
): void {
  stmt(db, `INSERT INTO officers (id, username, full_name, roles, password_hash, must_change_password, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(o.id, o.username, o.fullName, JSON.stringify(o.roles), o.passwordHash, o.mustChangePassword ? 1 : 0, now, now);
}

export function updateOfficer(db: Db, id: string, patch: Readonly<{ fullName?: string; roles?: readonly Role[]; active?: boolean }>, now: number): void {
  const current = officerById(db, id);
  if (!current) return;
  stmt(db, 'UPDATE officers SET full_name = ?, roles = ?, active = ?, updated_at = ? WHERE id = ?').run(
    patch.fullName ?? current.fullName, JSON.stringify(patch.roles ?? current.roles), (patch.active ?? current.active) ? 1 : 0, now, id,
  );
}

export function setPassword(db: Db, id: string, passwordHash: string, mustChange: boolean, now: number): void {
  stmt(db, 'UPDATE officers SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?').run(passwordHash, mustChange ? 1 : 0, now, id);
}

/** Active technicians other than one: an account change must leave someone who can set the station up. */
export function otherActiveTechnicians(db: Db, exceptId: string): number {
  return (listOfficers(db).filter((o) => o.id !== exceptId && o.active && o.roles.includes('technician'))).length;
}
