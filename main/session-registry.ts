import { randomBytes } from 'node:crypto';
import type { Officer } from './contract/dispatch';

// Who is at each renderer: a session per login, held in the station's memory only (a restart
// asks everyone to log in again). A session left idle longer than the agency's setting locks:
// the officer's form stays on screen behind the lock, and only their password opens it.

export type Session = Readonly<{ id: string; officer: Officer; createdAt: number }>;

export type SessionState = Readonly<{ officer: Officer; locked: boolean }>;

export type SessionRegistry = Readonly<{
  /** `idleLock: false` for the screen facing the citizen, which nobody types at. */
  open: (officer: Officer, options?: Readonly<{ idleLock?: boolean }>) => Session;
  /** The session's officer and whether it is locked; touching it counts as activity. */
  resolve: (id: string | undefined) => SessionState | null;
  lock: (id: string) => void;
  unlock: (id: string) => void;
  close: (id: string) => void;
  /** Every session of an officer ends (the account was deactivated or its password reset). */
  closeOfficer: (officerId: string) => void;
}>;

export function createSessionRegistry(options: { now: () => number; idleLockMs: () => number }): SessionRegistry {
  const sessions = new Map<string, { session: Session; lastSeenAt: number; locked: boolean; idleLock: boolean }>();
  return {
    open: (officer, o) => {
      const session: Session = { id: randomBytes(24).toString('hex'), officer, createdAt: options.now() };
      sessions.set(session.id, { session, lastSeenAt: options.now(), locked: false, idleLock: o?.idleLock ?? true });
      return session;
    },
    resolve: (id) => {
      const entry = id ? sessions.get(id) : undefined;
      if (!entry) return null;
      const now = options.now();
      if (entry.idleLock && !entry.locked && now - entry.lastSeenAt > options.idleLockMs()) entry.locked = true;
      if (!entry.locked) entry.lastSeenAt = now;
      return { officer: entry.session.officer, locked: entry.locked };
    },
    lock: (id) => {
      const entry = sessions.get(id);
      if (entry) entry.locked = true;
    },
    unlock: (id) => {
      const entry = sessions.get(id);
      if (entry) { entry.locked = false; entry.lastSeenAt = options.now(); }
    },
    close: (id) => { sessions.delete(id); },
    closeOfficer: (officerId) => {
      for (const [id, entry] of sessions) if (entry.session.officer.id === officerId) sessions.delete(id);
    },
  };
}
