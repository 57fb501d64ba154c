import { randomUUID } from 'node:crypto';
import type { Handlers } from '../contract/dispatch';
import type { syncChannels } from '../contract/sync-channels';
import { StationIssues } from '../contract/dispatch';
import { StationError } from '../core/errors';
import { checkDraft } from '../core/intake';
import { portalRecord } from '../core/portal-record';
import { formatDossierCode } from '../core/dossier-code';
import { HttpPortal } from '../portal/http-portal';
import type { PortalAdapter } from '../portal/portal-adapter';
import { leasedNumbers, type CodeAllocator } from '../storage/code-allocation';
import { getProcedure } from '../storage/catalogue-store';
import { writeTransaction } from '../storage/database';
import { stmt } from '../storage/statements';
import { correctOwner, dossierProgress, dossierSyncState, listQueue, requeueRejected } from '../storage/outbox-store';
import type { NewDossier } from '../storage/dossier-store';
import type { DossierView } from '../contract/schemas';
import type { StationContext } from '../station-context';
import { portalCredentials, readPortalSettings, writePortalSettings, type PortalCredentials, type PortalSettings } from './portal-settings';
import type { SecretVault } from './secret-vault';
import { SyncWorker } from './sync-worker';

type SyncChannel = keyof typeof syncChannels;

export type SyncFeature = Readonly<{
  handlers: Pick<Handlers, SyncChannel>;
  worker: SyncWorker;
  /** Leased numbers when a portal is configured; null means the station's own blocks. */
  codeAllocator: () => CodeAllocator | null;
}>;

export type SyncFeatureOptions = Readonly<{
  vault: SecretVault;
  /** Tests and benchmarks pass a tuned worker (fast retries, a fixed random). */
  worker?: Partial<ConstructorParameters<typeof SyncWorker>[0]>;
  /** Replaces the HTTP adapter (never in production). */
  portalFactory?: (credentials: { url: string; clientId: string; clientSecret: string }) => PortalAdapter;
  onCatalogueOrCalendarChanged: () => void;
  autoStart: boolean;
}>;

/** The record the portal receives for a dossier as it is stored now. */
export function recordOf(view: DossierView, agencyId: string): ReturnType<typeof portalRecord> {
  const d: NewDossier = {
    intakeKey: '', procedureCode: view.procedureCode, procedureName: view.procedureName, processingTime: view.processingTime,
    status: view.status, channel: view.channel as 1 | 2 | 3, owner: view.owner, submitter: view.submitter, resultDelivery: view.resultDelivery,
    documents: view.documents, sets: view.sets, notes: view.notes, receivedAtMs: 0, receivedAt: view.receivedAt,
    countingFrom: view.countingFrom, appointmentAt: view.appointmentAt, logBookVolume: view.logBookVolume, officerName: view.officerName,
  };
  return portalRecord(view.code, agencyId, d, view.codeIsProvisional);
}

export function createSync(ctx: StationContext, options: SyncFeatureOptions): SyncFeature {
  const { db } = ctx;
  let current: { key: string; portal: PortalAdapter } | null = null;
  // Read on every intake (which allocator?) and every worker pass: kept until portal.configure.
  let cached: { settings: PortalSettings; credentials: PortalCredentials | null } | undefined;
  const portalConfig = () => {
    if (!cached) {
      const settings = readPortalSettings(db);
      cached = { settings, credentials: portalCredentials(settings, options.vault) };
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
  workerDb.pragma('synchronous = NORMAL');
  const worker = new SyncWorker({
    db: workerDb,
    portal,
    agency: () => ({ agencyId: ctx.settings().agency.agencyId, stationNumber: ctx.settings().station.stationNumber }),
    lease: () => {
      const s = portalConfig().settings;
      return { size: s.leaseSize, lowWater: s.leaseLowWater };
    },
    now: () => ctx.now().getTime(),
    onCatalogueOrCalendarChanged: options.onCatalogueOrCalendarChanged,
    ...options.worker,
  });
  if (options.autoStart) worker.start();
  ctx.onClose(async () => {
    await worker.stop();
    current?.portal.close();
    workerDb.close();
  });

  const settingsView = () => {
    const s = portalConfig().settings;
    return { url: s.url, clientId: s.clientId, hasSecret: s.sealedSecret !== '', leaseSize: s.leaseSize, leaseLowWater: s.leaseLowWater };
  };

  const dossierIdOf = (code: string) => {
    const row = stmt(db, 'SELECT id FROM dossiers WHERE code = ? OR provisional_code = ?').get(code, code) as { id: number } | undefined;
    if (!row) throw new StationError('DOSSIER_NOT_FOUND', { code });
    return row.id;
  };

  const codeAllocator = (): CodeAllocator | null => {
    if (!portalConfig().credentials) return null;
    const { agency, station } = ctx.settings();
    const provisionalFormat = station.codeFormat.replace(/\{seq:(\d{1,2})\}/, 'T{station}{seq:$1}');
    return leasedNumbers({
      agency: agency.agencyId,
      format: (seq, day) => formatDossierCode(station.codeFormat, { agency: agency.agencyId, date: day, station: station.stationNumber, seq }),
      provisionalFormat: (seq, day) => formatDossierCode(provisionalFormat, { agency: agency.agencyId, date: day, station: station.stationNumber, seq }),
      provisionalScope: `${agency.agencyId}#${station.stationNumber}#provisional`,
    });
  };

  const handlers: Pick<Handlers, SyncChannel> = {
    'sync.status': () => worker.status(),
    'sync.queue': ({ list, limit }) => listQueue(db, list, limit),
    'sync.retryNow': () => ({ due: worker.retryNow() }),
    'sync.resend': ({ id }) => {
      const entry = stmt(db, "SELECT dossier_id, kind FROM outbox WHERE id = ? AND state = 'rejected'").get(id) as { dossier_id: number; kind: string } | undefined;
      if (!entry) return { requeued: false };
      const code = (stmt(db, 'SELECT code FROM dossiers WHERE id = ?').get(entry.dossier_id) as { code: string }).code;
      const payload = entry.kind === 'dossier.create' ? recordOf(ctx.requireDossier(code), ctx.settings().agency.agencyId) : {};
      const requeued = requeueRejected(db, id, payload, randomUUID(), ctx.now().getTime());
      worker.wake();
      return { requeued };
    },
    'portal.settings': settingsView,
    'portal.configure': (input) => {
      const s = portalConfig().settings;
      cached = undefined;
      writePortalSettings(db, {
        ...s,
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
        ...(input.clientSecret !== undefined ? { sealedSecret: options.vault.seal(input.clientSecret) } : {}),
        ...(input.leaseSize !== undefined ? { leaseSize: input.leaseSize } : {}),
        ...(input.leaseLowWater !== undefined ? { leaseLowWater: input.leaseLowWater } : {}),
      });
      worker.retryNow();
      return settingsView();
    },
    'portal.test': async () => {
      const p = portal();
      if (!p) return { ok: false, message: 'Chưa cấu hình địa chỉ và thông tin đăng nhập cổng.' };
      const ping = await p.ping();
      if (ping.kind !== 'ok') return { ok: false, message: `Không kết nối được cổng: ${ping.kind === 'transient' ? ping.reason : ping.message}` };
      const feed = await p.feed('0', 1);
      if (feed.kind === 'transient' && feed.reason === 'AUTH_FAILED') return { ok: false, message: 'Cổng từ chối thông tin đăng nhập của trạm.' };
      if (feed.kind !== 'ok') return { ok: false, message: `Cổng trả lỗi: ${feed.kind === 'transient' ? feed.reason : feed.message}` };
      return { ok: true, message: 'Kết nối và đăng nhập cổng thành công.' };
    },
    'dossier.syncInfo': ({ code }) => {
      const id = dossierIdOf(code);
      const state = dossierSyncState(db, id);
      const { code_is_provisional } = stmt(db, 'SELECT code_is_provisional FROM dossiers WHERE id = ?').get(id) as { code_is_provisional: number };
      return { ...state, codeIsProvisional: code_is_provisional === 1, progress: dossierProgress(db, id) };
    },
    'dossier.correct': ({ code, owner }) => {
      const id = dossierIdOf(code);
      const view = ctx.requireDossier((stmt(db, 'SELECT code FROM dossiers WHERE id = ?').get(id) as { code: string }).code);
      const draft = {
        intakeKey: randomUUID(), procedureCode: view.procedureCode, owner, submitter: view.submitter, resultDelivery: view.resultDelivery,
        documents: view.documents.map(({ code: c, originals, certifiedCopies, copies }) => ({ code: c, originals, certifiedCopies, copies })),
        sets: view.sets, notes: view.notes,
      };
      const { errors, checked } = checkDraft(draft, getProcedure(db, view.procedureCode), ctx.now().toISOString().slice(0, 10));
      const ownerErrors = errors.filter((e) => e.field?.startsWith('owner.'));
      if (ownerErrors.length > 0) throw new StationIssues(ownerErrors);
      const cleaned = checked?.draft.owner ?? owner;
      const now = ctx.now().getTime();
      let resent = false;
      writeTransaction(db, () => {
        correctOwner(db, id, cleaned, now);
        const corrected = ctx.requireDossier(view.code);
        const record = recordOf(corrected, ctx.settings().agency.agencyId);
        const rejectedCreate = stmt(db, "SELECT id FROM outbox WHERE dossier_id = ? AND kind = 'dossier.create' AND state = 'rejected'").get(id) as { id: number } | undefined;
        if (rejectedCreate) {
          resent = requeueRejected(db, rejectedCreate.id, record, randomUUID(), now);
        } else {
          // Synced or still queued: the correction follows as an update, after what is already queued.
          const patch = { ChuHoSo: record.ChuHoSo, SoDinhDanh: record.SoDinhDanh, NgaySinh: record.NgaySinh, SoDienThoai: record.SoDienThoai, Email: record.Email, DiaChi: record.DiaChi };
          stmt(db, "INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at) VALUES (?, 'dossier.update', ?, ?, ?, ?)").run(
            id, randomUUID(), JSON.stringify(patch), now, now,
          );
          resent = true;
        }
      });
      worker.wake();
      return { code: view.code, resent };
    },
  };

  return { handlers, worker, codeAllocator };
}
