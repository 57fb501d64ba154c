import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Handlers, Officer } from '../contract/dispatch';
import type { officersChannels } from '../contract/officers-channels';
import { StationError, StationIssues } from '../core/errors';
import { checkPersonText } from '../core/text-safety';
import type { StationContext } from '../feature';
import { AUDIT_CHECKPOINT_FILE, appendAuditCheckpoint, checkpointKey, readAuditCheckpoints } from '../storage/audit-checkpoint';
import { auditAction, auditHead, auditVerdictText, verifyAuditChain } from '../storage/audit-log';
import { writeTransaction } from '../storage/database';
import './messages'; // the texts of the errors thrown here
import {
  insertOfficer, listOfficers, officerById, officerCount, officerForLogin, otherActiveTechnicians, passwordHashOf, setPassword, updateOfficer,
  type OfficerRecord,
} from './officers-store';
import { checkPasswordRule, createAttemptThrottle, hashPassword, passwordNeedsRehash, verifyPassword } from './password';

// Officers log in and answer for what they do: the first account on the first start, logins with
// wrong attempts slowed down, the idle lock, the technician's accounts, the audit log's check.

type OfficersChannel = keyof typeof officersChannels;

export function officersHandlers(ctx: StationContext): Pick<Handlers, OfficersChannel> {
  const { db } = ctx;
  const now = () => ctx.now().getTime();
  const throttle = createAttemptThrottle({ now });
  const checkpointFile = join(ctx.dataDir, AUDIT_CHECKPOINT_FILE);
  const sealKey = checkpointKey(ctx.databaseKey);

  const view = (o: OfficerRecord) => ({ id: o.id, username: o.username, fullName: o.fullName, roles: o.roles, active: o.active, mustChangePassword: o.mustChangePassword });
  const asOfficer = (o: OfficerRecord): Officer => ({ id: o.id, name: o.fullName, roles: o.roles });
  const idleLockMinutes = () => ctx.settings().station.idleLockMinutes;
  const startSession = (o: OfficerRecord) => ({ sessionId: ctx.sessions.open(asOfficer(o)).id, officer: view(o), idleLockMinutes: idleLockMinutes() });

  /** The audit log's head, sealed outside the database: a re-hashed forged tail would not pass it. */
  const checkpoint = () => {
    const head = auditHead(db);
    if (head) appendAuditCheckpoint(checkpointFile, head, sealKey, ctx.now());
  };
  ctx.onClose(checkpoint);

  const name = (fullName: string) => {
    const checked = checkPersonText(fullName, 'name', 'fullName');
    if (!checked.ok) throw checked.error;
    if (!checked.text) throw new StationError('NAME_REQUIRED', {}, 'fullName');
    return checked.text;
  };
  const passwordFor = (password: string, username: string, fullName: string) => {
    const problems = checkPasswordRule(password, { username, fullName });
    if (problems.length > 0) throw new StationIssues(problems.map((p) => new StationError(p.code, p.params, 'password')));
  };
  const requireOfficer = (id: string) => {
    const o = officerById(db, id);
    if (!o) throw new StationError('OFFICER_NOT_FOUND', {}, 'id');
    return o;
  };

  return {
    'officers.setupState': () => ({ needsFirstOfficer: officerCount(db) === 0, recoveryCodePending: ctx.recoveryCode.peek() !== null }),
    'officers.createFirst': async ({ username, fullName, password }) => {
      if (officerCount(db) > 0) throw new StationError('FIRST_OFFICER_EXISTS');
      const full = name(fullName);
      passwordFor(password, username, full);
      const passwordHash = await hashPassword(password);
      const id = randomUUID();
      writeTransaction(db, () => {
        if (officerCount(db) > 0) throw new StationError('FIRST_OFFICER_EXISTS'); // two first starts at once
        // The first account sets the station up; it may also receive and read until there are others.
        insertOfficer(db, { id, username, fullName: full, roles: ['technician', 'reception', 'leader'], passwordHash, mustChangePassword: false }, now());
        auditAction(db, { id }, ctx.now(), 'officer.create', { after: { username, fullName: full, first: true } });
      });
      return startSession(requireOfficer(id));
    },
    'session.login': async ({ username, password }) => {
      const key = username.trim().toLowerCase();
      const allowed = throttle.check(key);
      if (!allowed.allowed) throw allowed.error;
      const account = officerForLogin(db, key);
      // An unknown name costs as long as a wrong password: names cannot be found by timing.
      const right = await verifyPassword(account?.passwordHash ?? null, password);
      if (!account || !right) {
        const verdict = throttle.failure(key);
        writeTransaction(db, () => auditAction(db, account ? { id: account.id } : null, ctx.now(), 'officer.login_failed', { after: { username: key } }));
        if (!verdict.allowed) throw verdict.error;
        throw new StationError('LOGIN_FAILED', {}, 'password');
      }
      if (!account.active) throw new StationError('ACCOUNT_INACTIVE', { username: account.username });
      throttle.success(key);
      if (passwordNeedsRehash(account.passwordHash)) setPassword(db, account.id, await hashPassword(password), account.mustChangePassword, now());
      writeTransaction(db, () => auditAction(db, account, ctx.now(), 'officer.login'));
      return startSession(account);
    },
    'session.current': (_input, call) => {
      const state = ctx.sessions.resolve(call?.sessionId);
      const record = state && officerById(db, state.officer.id);
      return { officer: record ? view(record) : null, locked: state?.locked ?? false };
    },
    'session.logout': (_input, call) => {
      if (call?.sessionId && call.officer) {
        writeTransaction(db, () => auditAction(db, call.officer, ctx.now(), 'officer.logout'));
        checkpoint();
      }
      if (call?.sessionId) ctx.sessions.close(call.sessionId);
      return { loggedOut: true as const };
    },
    'session.lock': (_input, call) => {
      if (call?.sessionId) ctx.sessions.lock(call.sessionId);
      return { locked: true as const };
    },
    'session.unlock': async ({ password }, call) => {
      const state = ctx.sessions.resolve(call?.sessionId);
      if (!state || !call?.sessionId) throw new StationError('LOGIN_REQUIRED');
      const key = `unlock:${state.officer.id}`;
      const allowed = throttle.check(key);
      if (!allowed.allowed) throw allowed.error;
      if (!(await verifyPassword(passwordHashOf(db, state.officer.id) ?? null, password))) {
        const verdict = throttle.failure(key);
        if (!verdict.allowed) throw verdict.error;
        throw new StationError('PASSWORD_WRONG', {}, 'password');
      }
      throttle.success(key);
      ctx.sessions.unlock(call.sessionId);
      return { locked: false as const };
    },
    'session.changePassword': async ({ current, next }, call) => {
      const me = requireOfficer(call!.officer!.id);
      if (!(await verifyPassword(passwordHashOf(db, me.id) ?? null, current))) throw new StationError('PASSWORD_WRONG', {}, 'current');
      passwordFor(next, me.username, me.fullName);
      const hash = await hashPassword(next);
      writeTransaction(db, () => {
        setPassword(db, me.id, hash, false, now());
        auditAction(db, call!.officer, ctx.now(), 'officer.password_change');
      });
      return { changed: true as const };
    },
    'officers.list': () => listOfficers(db).map(view),
    'officers.create': async ({ username, fullName, roles, password }, call) => {
      if (officerForLogin(db, username)) throw new StationError('USERNAME_TAKEN', { username }, 'username');
      const full = name(fullName);
      passwordFor(password, username, full);
      const passwordHash = await hashPassword(password);
      const id = randomUUID();
      writeTransaction(db, () => {
        if (officerForLogin(db, username)) throw new StationError('USERNAME_TAKEN', { username }, 'username');
        insertOfficer(db, { id, username, fullName: full, roles: [...new Set(roles)], passwordHash, mustChangePassword: true }, now());
        auditAction(db, call?.officer, ctx.now(), 'officer.create', { after: { id, username, fullName: full, roles } });
      });
      return view(requireOfficer(id));
    },
    'officers.update': ({ id, fullName, roles, active }, call) => {
      const before = requireOfficer(id);
      const full = fullName === undefined ? undefined : name(fullName);
      const losesTechnician = (roles && !roles.includes('technician')) || active === false;
      if (before.roles.includes('technician') && before.active && losesTechnician && otherActiveTechnicians(db, id) === 0) throw new StationError('LAST_TECHNICIAN');
      writeTransaction(db, () => {
        updateOfficer(db, id, { ...(full !== undefined ? { fullName: full } : {}), ...(roles ? { roles: [...new Set(roles)] } : {}), ...(active !== undefined ? { active } : {}) }, now());
        auditAction(db, call?.officer, ctx.now(), 'officer.update', {
          before: { fullName: before.fullName, roles: before.roles, active: before.active },
          after: { fullName: full ?? before.fullName, roles: roles ?? before.roles, active: active ?? before.active },
        });
      });
      // Roles changed or the account closed: its open sessions end, the next call asks to log in.
      if (roles || active === false) ctx.sessions.closeOfficer(id);
      return view(requireOfficer(id));
    },
    'officers.resetPassword': async ({ id, password }, call) => {
      const o = requireOfficer(id);
      passwordFor(password, o.username, o.fullName);
      const hash = await hashPassword(password);
      writeTransaction(db, () => {
        setPassword(db, id, hash, true, now());
        auditAction(db, call?.officer, ctx.now(), 'officer.password_reset', { after: { id } });
      });
      ctx.sessions.closeOfficer(id);
      return view(requireOfficer(id));
    },
    'officers.recoveryCode': (_input, call) => {
      const code = ctx.recoveryCode.take();
      if (code) writeTransaction(db, () => auditAction(db, call?.officer, ctx.now(), 'key.recovery_code_shown'));
      return { recoveryCode: code };
    },
    'audit.verify': () => {
      const verdict = verifyAuditChain(db, { checkpoints: readAuditCheckpoints(checkpointFile, sealKey) });
      return {
        ok: verdict.ok,
        entries: verdict.ok ? verdict.entries : verdict.entriesChecked,
        message: auditVerdictText(verdict, ctx.language()),
        brokenAt: verdict.ok ? null : verdict.seq,
      };
    },
  };
}
