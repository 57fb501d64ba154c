import { z } from 'zod';
import { channel, none, withAccess, OFFICERS, PUBLIC, ROLES, TECHNICIAN } from './channel';

// Officers and their sessions (main/officers): the first start, logging in and out, the idle
// lock, the technician's accounts, the audit log's verifier.

const role = z.enum(ROLES);
/** The roles an officer's account may hold: the display and the kiosk are devices, not people. */
const accountRole = z.enum(['reception', 'technician', 'leader']);
const username = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, 'chữ thường không dấu, số, dấu chấm, gạch: 3–40 ký tự');
const password = z.string().min(1).max(128);
const fullName = z.string().max(100);

export const officerView = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(role).min(1),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});

const sessionView = z.object({
  sessionId: z.string(),
  officer: officerView,
  /** The idle time after which the station locks, for the renderer's own timer. */
  idleLockMinutes: z.number().int(),
});

const auditVerdict = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** What the technician reads: that the log is whole, or which entry is the first broken and why. */
  message: z.string(),
  brokenAt: z.number().int().nullable(),
});

export const officersChannels = withAccess({
  'officers.setupState': channel(
    none,
    z.object({ needsFirstOfficer: z.boolean(), recoveryCodePending: z.boolean() }),
    'Whether the station still needs its first (technician) account, and a recovery code to print',
  ),
  'officers.createFirst': channel(
    z.object({ username, fullName, password }).strict(),
    sessionView,
    'First start: the technician creates the first account and is logged in',
  ),
  'session.login': channel(z.object({ username: z.string().max(40), password }).strict(), sessionView, 'Log in with a user name and password'),
  'session.current': channel(
    none,
    z.object({ officer: officerView.nullable(), locked: z.boolean() }),
    'Who is logged in at this renderer, and whether the session is locked',
  ),
  'session.logout': channel(none, z.object({ loggedOut: z.literal(true) }), 'Log out (the next officer logs in)'),
  'session.lock': channel(none, z.object({ locked: z.literal(true) }), 'Lock the station now (lunch, a break); the form stays'),
  'session.unlock': channel(z.object({ password }).strict(), z.object({ locked: z.literal(false) }), "Unlock with the logged-in officer's password"),
  'session.changePassword': channel(
    z.object({ current: password, next: password }).strict(),
    z.object({ changed: z.literal(true) }),
    'Change your own password',
  ),
  'officers.list': channel(none, z.array(officerView), 'Every account of the station'),
  'officers.create': channel(
    z.object({ username, fullName, roles: z.array(accountRole).min(1).max(3), password }).strict(),
    officerView,
    'Create an account (the officer changes the password at the first login)',
  ),
  'officers.update': channel(
    z.object({ id: z.string().max(100), fullName: fullName.optional(), roles: z.array(accountRole).min(1).max(3).optional(), active: z.boolean().optional() }).strict(),
    officerView,
    "Change an account's name, roles or whether it may log in",
  ),
  'officers.resetPassword': channel(
    z.object({ id: z.string().max(100), password }).strict(),
    officerView,
    'Give an account a new password, to change at the next login',
  ),
  'officers.recoveryCode': channel(
    none,
    z.object({ recoveryCode: z.string().nullable() }),
    "The database key's recovery code, once, for the technician to print (null once printed)",
  ),
  'audit.verify': channel(none, auditVerdict, 'Check the audit log end to end'),
}, {
  'officers.setupState': PUBLIC,
  'officers.createFirst': PUBLIC,
  'session.login': PUBLIC,
  'session.current': PUBLIC,
  'session.logout': PUBLIC,
  'session.lock': OFFICERS,
  'session.unlock': PUBLIC, // a locked session calls it: the password is the check
  'session.changePassword': OFFICERS,
  'officers.list': TECHNICIAN,
  'officers.create': TECHNICIAN,
  'officers.update': TECHNICIAN,
  'officers.resetPassword': TECHNICIAN,
  'officers.recoveryCode': TECHNICIAN,
  'audit.verify': ['technician', 'leader'],
});
