import { randomUUID } from 'node:crypto';
import type { Handlers } from '../contract/dispatch';
import type { syncChannels } from '../contract/sync-channels';
import { StationIssues } from '../core/errors';
import { checkDraft } from '../core/intake';
import { vietnamToday } from '../core/time';
import type { StationContext } from '../feature';
import { HttpPortal } from '../portal/http-portal';
import type { PortalAdapter } from '../portal/portal-adapter';
import { portalRecord } from '../portal/portal-record';
import { portalCredentials, readPortalSettings, writePortalSettings, type PortalCredentials, type PortalSettings } from '../portal/portal-settings';
import { getProcedure } from '../storage/catalogue-store';
import { relaxDurability, writeTransaction } from '../storage/database';
import { correctOwner, dossierCodeOf, portalLinkOf, requireDossier, requireDossierId } from '../storage/dossier-store';
import { dossierQueueState, enqueue, listQueue, rejectedCreateOf, rejectedEntry, requeueRejected } from '../storage/outbox-store';
import { dossierProgress } from '../storage/progress-store';
import { openConflictOf, outboxPayloadOf } from '../storage/lifecycle-store';
import { auditAction } from '../storage/audit-log';
import { describeAuditProblem, describeTransient, syncMessage } from './messages';
import { checkPortalUrl } from '../core/text-safety';
import { sequenceRange } from '../core/dossier-code';
import { SyncWorker } from './sync-worker';

// The sync feature: the outbox worker and its channels — the officer's view of what waits and
// what the portal refused, corrections and resends, and the technician's portal settings.

type SyncChannel = keyof typeof syncChannels;

export type SyncOptions = Readonly<{
  /** Tests and benchmarks pass a tuned worker (fast retries, a fixed random). */
  worker?: Partial<ConstructorParameters<typeof SyncWorker>[0]>;
  /** Replaces the HTTP adapter (never in production). */
  portalFactory?: (credentials: PortalCredentials) => PortalAdapter;
  /** false: the worker waits for `onWorker`'s caller to start it (benchmarks start it on cue). */
  autoStart?: boolean;
  onWorker?: (worker: SyncWorker) => void;
}>;

export function syncHandlers(ctx: StationContext, options: SyncOptions = {}): Pick<Handlers, SyncChannel> {
  const { db } = ctx;
  let current: { key: string; portal: PortalAdapter } | null = null;
  // Read on every worker pass: kept until portal.configure.
  let cached: { settings: PortalSettings; credentials: PortalCredentials | null } | undefined;
  const portalConfig = () => {
    if (!cached) {
      const settings = readPortalSettings(db);
      cached = { settings, credentials: portalCredentials(settings, ctx.vault) };
    }
    return cached;
  };

  /** The adapter for the settings in force; rebuilt when they change. */
  const portal = (): PortalAdapter | null => {
    const { credentials } = portalConfig();
    const key = credentials ? JSON.stringify(credentials) : '';
    if (current?.key !== key) {
      current?.portal.close();
      current = credentials
        ? { key, portal: options.portalFactory?.(credentials) ?? new HttpPortal({ baseUrl: credentials.url, clientId: credentials.clientId, clientSecret: credentials.clientSecret }) }
        : null;
    }
    return current?.portal ?? null;
  };

  // The worker writes through its own connection with synchronous = NORMAL: what it records is
  // the portal's acknowledgements, leases and pulls, which a power cut may lose without harm (an
  // entry sent again carries its idempotency key; a lost lease is only numbers unused). The next
  // intake commit (FULL) makes its frames durable anyway. Intake keeps FULL on the main connection.
  const workerDb = ctx.openConnection();
  relaxDurability(workerDb);
  const worker = new SyncWorker({
    db: workerDb,
    portal,
    events: ctx.events,
    language: ctx.language,
    agency: () => ({ agencyId: ctx.settings().agency.agencyId, stationNumber: ctx.settings().station.stationNumber }),
    lease: () => {
      const s = portalConfig().settings;
      return { size: s.leaseSize, lowWater: s.leaseLowWater };
    },
    ownBlock: () => {
      const { agency, station } = ctx.settings();
      try {
        const { scope, first } = sequenceRange(station.codeFormat, agency.agencyId, station.stationNumber);
        return { scope, first };
      } catch {
        return null; // a format this station cannot mint from: it has no block of its own
      }
    },
    now: () => ctx.now().getTime(),
    ...options.worker,
  });
  // Whatever a feature queues is sent soon rather than at the next scheduled pass.
  ctx.events.on('outbox.changed', () => worker.wake());
  if (options.autoStart ?? true) worker.start();
  options.onWorker?.(worker);
  ctx.onClose(async () => {
    await worker.stop();
    current?.portal.close();
    workerDb.close();
  });

  const settingsView = () => {
    const s = portalConfig().settings;
    return { url: s.url, clientId: s.clientId, hasSecret: s.sealedSecret !== '', leaseSize: s.leaseSize, leaseLowWater: s.leaseLowWater };
  };
  const recordOf = (code: string) => {
    const dossier = requireDossier(db, code);
    return portalRecord(dossier.code, ctx.settings().agency.agencyId, dossier, dossier.codeIsProvisional);
  };

  return {
    'sync.status': () => {
      const { problem, leaseProblem, auditProblem, ...status } = worker.status();
      const lang = ctx.language();
      // A refused lease stays told until a good one comes, whatever the connection does meanwhile.
      const told = [problem ? describeTransient(problem.reason, problem.status, lang) : null, leaseProblem ? syncMessage(leaseProblem.key, leaseProblem.params, lang) : null];
      return { ...status, lastProblem: told.filter((t) => t !== null).join(' ') || null, auditProblem: auditProblem ? describeAuditProblem(auditProblem, lang) : null };
    },
    'sync.queue': ({ list, limit }) => listQueue(db, list, limit).map((e) => ({
      ...e,
      // A refusal says in the portal's words what to correct; a retry, what the station is doing about it.
      reason: e.lastError === null ? null : e.state === 'rejected' ? e.lastError : describeTransient(e.lastError, e.lastStatus ?? undefined, ctx.language()),
    })),
    'sync.retryNow': () => ({ due: worker.retryNow() }),
    'sync.resend': ({ id }) => {
      const entry = rejectedEntry(db, id);
      if (!entry) return { requeued: false };
      // A transition goes again as it was recorded; one the portal refused for a conflict waits for the officer's decision.
      if (entry.kind === 'dossier.transition' && openConflictOf(db, entry.dossierId)) return { requeued: false };
      const payload = entry.kind === 'dossier.create' ? recordOf(dossierCodeOf(db, entry.dossierId)) : entry.kind === 'dossier.transition' ? outboxPayloadOf(db, id) : {};
      const requeued = requeueRejected(db, id, payload, randomUUID(), ctx.now().getTime());
      worker.wake();
      return { requeued };
    },
    'portal.settings': settingsView,
    'portal.configure': (input, call) => {
      const s = portalConfig().settings;
      if (input.url !== undefined && input.url !== '') {
        const checked = checkPortalUrl(input.url);
        if (!checked.ok) throw checked.error; // https, except a portal on this PC (the demo, tests)
      }
      // A secret belongs to one portal: a new address without a new secret drops the old one, so
      // it is never sent to an address it was not given for.
      const dropSecret = input.url !== undefined && input.url !== s.url && input.clientSecret === undefined;
      cached = undefined;
      // The portal's address and client are the technician's to change, and answer for.
      writeTransaction(db, () => {
        writePortalSettings(db, {
          ...s,
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
          ...(input.clientSecret !== undefined ? { sealedSecret: ctx.vault.seal(input.clientSecret) } : dropSecret ? { sealedSecret: '' } : {}),
          ...(input.leaseSize !== undefined ? { leaseSize: input.leaseSize } : {}),
          ...(input.leaseLowWater !== undefined ? { leaseLowWater: input.leaseLowWater } : {}),
        });
        auditAction(db, call?.officer, ctx.now(), 'portal.configure', {
          before: { url: s.url, clientId: s.clientId },
          after: { url: input.url ?? s.url, clientId: input.clientId ?? s.clientId, secretChanged: input.clientSecret !== undefined || dropSecret },
        });
      });
      // Another portal holds another copy of the audit log: its refusal of the old one's is forgotten.
      if ((input.url !== undefined && input.url !== s.url) || (input.clientId !== undefined && input.clientId !== s.clientId)) worker.portalChanged();
      // Intake now takes its numbers from the portal's leases (or its own blocks again).
      ctx.events.emit('settings.changed', {});
      worker.retryNow();
      return settingsView();
    },
    'portal.test': async () => {
      const lang = ctx.language();
      const p = portal();
      if (!p) return { ok: false, message: syncMessage('PORTAL_NOT_CONFIGURED', {}, lang) };
      const ping = await p.ping();
      if (ping.kind === 'transient') return { ok: false, message: describeTransient(ping.reason, ping.status, lang) };
      if (ping.kind !== 'ok') return { ok: false, message: syncMessage('PORTAL_ERROR', { detail: ping.message }, lang) };
      const feed = await p.feed('0', 1);
      if (feed.kind === 'transient') return { ok: false, message: describeTransient(feed.reason, feed.status, lang) };
      if (feed.kind !== 'ok') return { ok: false, message: syncMessage('PORTAL_ERROR', { detail: feed.message }, lang) };
      return { ok: true, message: syncMessage('PORTAL_OK', {}, lang) };
    },
    'dossier.syncInfo': ({ code }) => {
      const id = requireDossierId(db, code);
      const link = portalLinkOf(db, id);
      return { ...dossierQueueState(db, id), portalId: link.portalId, provisionalCode: link.provisionalCode, codeIsProvisional: link.codeIsProvisional, progress: dossierProgress(db, id) };
    },
    'dossier.correct': ({ code, owner }, call) => {
      const view = requireDossier(db, code);
      const id = requireDossierId(db, view.code);
      const draft = {
        intakeKey: randomUUID(), procedureCode: view.procedureCode, owner, submitter: view.submitter, resultDelivery: view.resultDelivery,
        documents: view.documents.map(({ code: c, originals, certifiedCopies, copies }) => ({ code: c, originals, certifiedCopies, copies })),
        sets: view.sets, notes: view.notes,
      };
      const { errors, checked } = checkDraft(draft, getProcedure(db, view.procedureCode), vietnamToday(ctx.now()));
      const ownerErrors = errors.filter((e) => e.field?.startsWith('owner.'));
      if (ownerErrors.length > 0) throw new StationIssues(ownerErrors);
      const cleaned = checked?.draft.owner ?? owner;
      const now = ctx.now().getTime();
      let resent = false;
      writeTransaction(db, () => {
        correctOwner(db, id, cleaned, now);
        // The correction's history: the owner's fields before and after, attributed to the officer.
        const changed = (Object.keys(cleaned) as Array<keyof typeof cleaned>).filter((k) => (view.owner[k] ?? null) !== (cleaned[k] ?? null));
        auditAction(db, call?.officer, ctx.now(), 'dossier.correct', {
          dossierId: id,
          before: Object.fromEntries(changed.map((k) => [k, view.owner[k] ?? null])),
          after: Object.fromEntries(changed.map((k) => [k, cleaned[k] ?? null])),
        });
        const record = recordOf(view.code);
        const rejectedCreate = rejectedCreateOf(db, id);
        if (rejectedCreate !== undefined) {
          resent = requeueRejected(db, rejectedCreate, record, randomUUID(), now);
        } else {
          // Synced or still queued: the correction follows as an update, after what is already queued.
          const patch = { ChuHoSo: record.ChuHoSo, SoDinhDanh: record.SoDinhDanh, NgaySinh: record.NgaySinh, SoDienThoai: record.SoDienThoai, Email: record.Email, DiaChi: record.DiaChi };
          enqueue(db, { dossierId: id, kind: 'dossier.update', idempotencyKey: randomUUID(), payload: patch, at: now });
          resent = true;
        }
      });
      ctx.events.emit('dossier.changed', { code: view.code });
      worker.wake();
      return { code: view.code, resent };
    },
  };
}
