import { z } from 'zod';
import { channel, none, withAccess, COUNTER, OFFICERS, READERS, RECEPTION, TECHNICIAN } from './channel';
import { person } from './schemas';

// The officer's view of syncing with the portal, and the technician's portal settings.

const syncStatus = z.object({
  configured: z.boolean(),
  online: z.boolean().nullable(),
  lastContactAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  /** The technical reason of the last failure (for the technician). */
  lastError: z.string().nullable(),
  /** The same, as the officer reads it: what happened and what to do. */
  lastProblem: z.string().nullable(),
  pending: z.number().int(),
  rejected: z.number().int(),
  dossiersWaiting: z.number().int(),
  draining: z.object({ sent: z.number().int(), total: z.number().int() }).nullable(),
  /** Audit log entries the portal has not acknowledged yet. */
  auditPending: z.number().int(),
  /** Why the portal will not take the audit log (a rewritten entry, a refusal): for the technician; null while it does. */
  auditProblem: z.object({ code: z.string(), seq: z.number().int().nullable(), message: z.string() }).nullable(),
});

const queueEntry = z.object({
  id: z.number().int(),
  code: z.string(),
  ownerName: z.string(),
  kind: z.string(),
  state: z.enum(['pending', 'active', 'rejected', 'sent']),
  attempts: z.number().int(),
  nextAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  /** What the officer reads: the portal's reason for a refusal, what the station does about a retry. */
  reason: z.string().nullable(),
  at: z.number(),
});

const portalSettingsView = z.object({
  url: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  leaseSize: z.number().int(),
  leaseLowWater: z.number().int(),
});

export const syncChannels = withAccess({
  'sync.status': channel(none, syncStatus, 'Online or not, what waits, the last successful sync, errors'),
  'sync.queue': channel(
    z.object({ list: z.enum(['waiting', 'rejected', 'sent']), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.array(queueEntry),
    'Queued, rejected or recently sent changes, with reasons',
  ),
  'sync.retryNow': channel(none, z.object({ due: z.number().int() }), 'Send everything waiting now'),
  'sync.resend': channel(z.object({ id: z.number().int() }).strict(), z.object({ requeued: z.boolean() }), 'Send a rejected change again, rebuilt from the dossier as corrected'),
  'portal.settings': channel(none, portalSettingsView, 'The portal endpoint and credentials (the secret is never shown)'),
  'portal.configure': channel(
    z.object({
      url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
      clientId: z.string().max(200).optional(),
      clientSecret: z.string().min(1).max(500).optional(),
      leaseSize: z.number().int().min(5).max(1000).optional(),
      leaseLowWater: z.number().int().min(1).max(500).optional(),
    }).strict(),
    portalSettingsView,
    'Set the portal endpoint and credentials',
  ),
  'portal.test': channel(none, z.object({ ok: z.boolean(), message: z.string() }), 'Try to reach and log in to the portal'),
  'dossier.syncInfo': channel(
    z.object({ code: z.string().min(1).max(60) }).strict(),
    z.object({
      state: z.enum(['synced', 'waiting', 'rejected']),
      reason: z.string().nullable(),
      portalId: z.string().nullable(),
      provisionalCode: z.string().nullable(),
      codeIsProvisional: z.boolean(),
      progress: z.array(z.object({ status: z.number().int(), unit: z.string(), officer: z.string(), at: z.string(), note: z.string() })),
    }),
    "A dossier's sync state and the back office's progress on it",
  ),
  'dossier.correct': channel(
    z.object({ code: z.string().min(1).max(60), owner: person }).strict(),
    z.object({ code: z.string(), resent: z.boolean() }),
    "Correct the owner's details (after a rejection, or any time): the change is queued for the portal",
  ),
}, {
  'sync.status': OFFICERS,
  'sync.queue': OFFICERS,
  'sync.retryNow': COUNTER,
  'sync.resend': RECEPTION,
  'portal.settings': TECHNICIAN,
  'portal.configure': TECHNICIAN,
  'portal.test': TECHNICIAN,
  'dossier.syncInfo': READERS,
  'dossier.correct': RECEPTION,
});
