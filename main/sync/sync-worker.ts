import { z } from 'zod';
import type { Db } from '../storage/db';
import { checkpointWal } from '../storage/database';
import type { EventBus } from '../event-bus';
import type { Language } from '../core/errors';
import { acceptLease, leasedNumbersLeft, numbersUsed, type OwnBlock } from '../storage/code-allocation';
import { replaceCatalogue } from '../storage/catalogue-store';
import { replaceCalendarYear } from '../storage/calendar-store';
import { dossierCodeOf } from '../storage/dossier-store';
import { applyOutcomes, makeAllDue, outboxCounts, nextDueAt, queueCounts, requeueInFlight, takeDue, type Outcome } from '../storage/outbox-store';
import { applyFeedEvents } from '../storage/progress-store';
import { openConflictCount } from '../storage/lifecycle-store';
import { auditBacklog, auditCursor, auditSyncProblem, getSyncState, setAuditCursor, setAuditSyncProblem, setSyncState, type AuditSyncProblem } from '../storage/sync-state-store';
import { auditBatchBody, nextAuditBatch } from '../storage/audit-export';
import type { PortalAdapter, PortalResult } from '../portal/portal-adapter';
import { addDays, vietnamToday } from '../core/time';
import { formatDate } from '../core/format';
import type { LocalDate } from '../core/model';
import { backoffDelay } from './backoff';
import { sendEntry } from './send-entry';
import type { SyncTextKey } from './messages';

// The outbox worker: drains the queue to the portal, keeps a stock of leased dossier numbers,
// pulls the catalogue, the calendar and the progress feed, and sends the audit log after the
// dossiers (main/portal/PROTOCOL.md, "Audit log"). It learns "online" from the portal's
// answers (docs/sync.md, rule 6), never from the operating system.

export type SyncStatus = Readonly<{
  configured: boolean;
  online: boolean | null;
  lastContactAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  /** The last "try again later" answer, for the message the officer reads (sync/messages.ts). */
  problem: Readonly<{ reason: string; status?: number | undefined }> | null;
  pending: number;
  rejected: number;
  dossiersWaiting: number;
  /** While a backlog drains: how far along. */
  draining: Readonly<{ sent: number; total: number }> | null;
  /** A lease the station refused or the portal would not give (sync/messages.ts renders it); null when leases are fine. */
  leaseProblem: LeaseProblem | null;
  /** Audit entries the portal has not acknowledged yet. */
  auditPending: number;
  /** Why the portal will not take the audit log (the technician must look); null while it does. */
  auditProblem: AuditSyncProblem | null;
}>;

/** Why the station has no new lease for a day: the message key and its parameters. */
export type LeaseProblem = Readonly<{ day: LocalDate; key: Extract<SyncTextKey, `LEASE_${string}`>; params: Readonly<Record<string, string>> }>;

export type SyncWorkerOptions = Readonly<{
  db: Db;
  /** Where the worker tells what changed: the queue, the connection, dossiers, catalogue and calendar. */
  events: EventBus;
  /** The language of the reasons the worker records for the officer. */
  language?: () => Language;
  /** The current portal, or null when none is configured (settings decide; re-read each pass). */
  portal: () => PortalAdapter | null;
  agency: () => Readonly<{ agencyId: string; stationNumber: number }>;
  lease: () => Readonly<{ size: number; lowWater: number }>;
  /** The counter and start of the station's own block (numbers used before a portal was configured count as used). */
  ownBlock?: () => OwnBlock | null;
  now?: () => number;
  random?: () => number;
  /** Entries sent at once (different dossiers; one dossier's entries are always in order). */
  concurrency?: number;
  batchSize?: number;
  pullEveryMs?: number;
  pingEveryMs?: number;
  /** How often, while online, the worker looks for new audit entries (a login queues nothing in the outbox). Default: pullEveryMs. */
  auditEveryMs?: number;
}>;

const refusedEntry = z.object({ error: z.object({ seq: z.number().int().min(1) }) });

export class SyncWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private online: boolean | null = null;
  private lastContactAt: number | null = null;
  private lastError: string | null = null;
  private problem: { reason: string; status?: number | undefined } | null = null;
  private lastPullAt = -Infinity;
  private lastPingAt = -Infinity;
  private draining: { sent: number; total: number } | null = null;
  /** Per day, the last lease problem and until when no new lease is asked for that day. */
  private readonly leaseProblems = new Map<LocalDate, { problem: LeaseProblem; holdUntil: number }>();
  /** Audit batches that failed in a row (network, 5xx) and when the next may go. */
  private auditAttempts = 0;
  private auditDueAt = -Infinity;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly o: SyncWorkerOptions) {
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
  }

  /** At start a crash may have left entries in flight: they go back to the queue first. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    requeueInFlight(this.o.db);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Something was queued (an intake): send soon rather than at the next scheduled pass. */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  retryNow(): number {
    const n = makeAllDue(this.o.db, this.now());
    this.lastPingAt = -Infinity;
    for (const p of this.leaseProblems.values()) p.holdUntil = -Infinity; // ask for leases again now
    this.auditDueAt = -Infinity; // the audit log too (a refusal stays: that is the technician's)
    this.wake();
    return n;
  }

  status(): SyncStatus {
    const counts = queueCounts(this.o.db);
    const lastSuccess = getSyncState(this.o.db, 'lastSuccessAt');
    return {
      configured: this.o.portal() !== null,
      online: this.online,
      lastContactAt: this.lastContactAt,
      lastSuccessAt: lastSuccess ? Number(lastSuccess) : null,
      lastError: this.lastError,
      problem: this.problem,
      pending: counts.pending + counts.active,
      rejected: counts.rejected,
      dossiersWaiting: counts.dossiersWaiting,
      draining: this.draining && counts.pending + counts.active > 0 ? { ...this.draining } : null,
      leaseProblem: this.currentLeaseProblem(),
      auditPending: auditBacklog(this.o.db, auditCursor(this.o.db)).pending,
      auditProblem: auditSyncProblem(this.o.db),
    };
  }

  /**
   * The technician pointed the station at another portal: a refusal of the old one's says
   * nothing about the new one's copy, which is asked afresh (a gap answer takes the cursor back).
   */
  portalChanged(): void {
    if (auditSyncProblem(this.o.db)) {
      setAuditSyncProblem(this.o.db, null);
      this.o.events.emit('sync.changed', { online: this.online });
    }
    this.auditAttempts = 0;
    this.auditDueAt = -Infinity;
  }

  /** Today's or tomorrow's lease problem; those of past days are forgotten. */
  private currentLeaseProblem(): LeaseProblem | null {
    const today = vietnamToday(new Date(this.now()));
    for (const day of [...this.leaseProblems.keys()]) if (day < today) this.leaseProblems.delete(day);
    return this.leaseProblems.get(today)?.problem ?? this.leaseProblems.get(addDays(today, 1))?.problem ?? null;
  }

  private setLeaseProblem(day: LocalDate, problem: LeaseProblem | null): void {
    const before = this.leaseProblems.get(day)?.problem ?? null;
    if (problem) this.leaseProblems.set(day, { problem, holdUntil: this.now() + (this.o.pullEveryMs ?? 60_000) });
    else this.leaseProblems.delete(day);
    if (JSON.stringify(before) !== JSON.stringify(problem)) this.o.events.emit('sync.changed', { online: this.online });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pass()
        .catch((error: unknown) => {
          // A bug or a database error mid-pass: nothing may stay "in flight" until the next start.
          this.lastError = error instanceof Error ? error.message : String(error);
          this.problem = { reason: this.lastError };
          requeueInFlight(this.o.db);
          this.o.events.emit('sync.changed', { online: this.online });
          this.schedule(this.o.pingEveryMs ?? 30_000);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, delayMs);
    this.timer.unref?.();
  }

  /** Notes what an answer says about the connection; a change of it is announced. */
  private heard(result: PortalResult<unknown>): void {
    const before = `${String(this.online)}|${this.lastError ?? ''}`;
    if (result.kind === 'transient') this.problem = { reason: result.reason, status: result.status };
    else if (result.kind === 'ok') this.problem = null;
    if (result.kind === 'transient' && result.status === undefined) {
      this.online = false;
      this.lastError = result.reason;
    } else if (result.kind === 'transient' && result.reason === 'AUTH_FAILED') {
      this.online = true;
      this.lastContactAt = this.now();
      this.lastError = 'AUTH_FAILED';
    } else {
      this.online = result.kind !== 'transient' || (result.status ?? 0) < 500;
      this.lastContactAt = this.now();
      if (result.kind === 'transient') this.lastError = result.reason;
      else if (result.kind === 'ok') this.lastError = null;
    }
    if (`${String(this.online)}|${this.lastError ?? ''}` !== before) this.o.events.emit('sync.changed', { online: this.online });
  }

  private queueChanged(): void {
    this.o.events.emit('outbox.changed', outboxCounts(this.o.db));
  }

  /** One pass: drain what is due, top up leases, pull when it is time; then plan the next pass. */
  private async pass(): Promise<void> {
    const portal = this.o.portal();
    if (!portal) {
      this.online = null;
      this.schedule(this.o.pingEveryMs ?? 30_000);
      return;
    }
    await this.drain(portal);
    if (this.stopped) return;
    // Not heard from the portal yet, or it was unreachable: ask it (at most every pingEveryMs).
    if (this.online !== true && this.now() - this.lastPingAt >= (this.o.pingEveryMs ?? 30_000)) {
      this.lastPingAt = this.now();
      this.heard(await portal.ping());
    }
    if (this.online) {
      await this.topUpLeases(portal);
      if (this.now() - this.lastPullAt >= (this.o.pullEveryMs ?? 60_000)) await this.pull(portal);
      if (!this.stopped) await this.sendAudit(portal);
    }
    if (this.stopped) return;
    const due = nextDueAt(this.o.db);
    const auditEvery = this.o.auditEveryMs ?? this.o.pullEveryMs ?? 60_000;
    let idle = this.online ? Math.min(this.o.pullEveryMs ?? 60_000, auditEvery) : (this.o.pingEveryMs ?? 30_000);
    // An audit batch backing off comes back when its wait is over, not at the next idle pass.
    if (this.online && this.auditDueAt > this.now()) idle = Math.min(idle, this.auditDueAt - this.now());
    this.schedule(due === null ? idle : Math.max(0, Math.min(idle, due - this.now())));
  }

  /**
   * The audit log, batch by batch from the cursor, after the dossiers: it yields to any outbox
   * entry that falls due. The cursor moves only to what the portal says it holds (`DaNhan`), so
   * an answer lost means the batch goes again (the portal takes a resend as it is). Network
   * errors and 5xx back off like an outbox entry; a gap takes the cursor back to where the portal
   * stands; a rewritten entry (fork) or any other refusal is never retried: it is recorded for
   * the technician, who reads it in the sync status.
   */
  private async sendAudit(portal: PortalAdapter): Promise<void> {
    const db = this.o.db;
    if (auditSyncProblem(db) || this.now() < this.auditDueAt) return;
    const { agencyId, stationNumber } = this.o.agency();
    const station = String(stationNumber).padStart(2, '0'); // as in number leases (MaMayTram)
    let moved = false;
    try {
      for (let round = 0; round < 100 && !this.stopped; round++) {
        const cursor = auditCursor(db);
        const batch = nextAuditBatch(db, cursor);
        if (!batch) return;
        const result = await portal.sendAuditBatch(agencyId, auditBatchBody(station, batch));
        this.heard(result);
        if (result.kind === 'transient') return this.auditBackOff();
        if (result.kind === 'rejected') {
          // A fork names the first entry that differs; without it, the one the batch followed.
          const named = refusedEntry.safeParse(result.body);
          const seq = named.success ? named.data.error.seq : result.code === 'AUDIT_CHAIN_FORK' ? (batch.after?.seq ?? null) : null;
          return this.auditRefused({ code: result.code, seq, detail: `${result.message} (${result.code})`, at: this.now() });
        }
        const { head } = auditBacklog(db, cursor);
        if (result.value.held > head) {
          return this.auditRefused({ code: 'AUDIT_PORTAL_AHEAD', seq: result.value.held, detail: `DaNhan ${result.value.held} > ${head}`, at: this.now(), head });
        }
        // A gap answered with where we already stand: the portal contradicts itself; try later.
        if (result.value.kind === 'gap' && result.value.held === cursor) return this.auditBackOff();
        this.auditAttempts = 0;
        if (result.value.held !== cursor) {
          setAuditCursor(db, result.value.held);
          moved = true;
        }
        // Dossiers first: an outbox entry due now goes before the next batch.
        const due = nextDueAt(db);
        if (due !== null && due <= this.now()) return;
      }
    } finally {
      if (moved) this.o.events.emit('sync.changed', { online: this.online });
    }
  }

  private auditBackOff(): void {
    this.auditAttempts++;
    this.auditDueAt = this.now() + backoffDelay(this.auditAttempts, this.random);
  }

  private auditRefused(problem: AuditSyncProblem): void {
    this.auditAttempts = 0;
    setAuditSyncProblem(this.o.db, problem);
    this.o.events.emit('sync.changed', { online: this.online });
  }

  private async drain(portal: PortalAdapter): Promise<void> {
    const concurrency = this.o.concurrency ?? 16;
    const batchSize = this.o.batchSize ?? 128;
    for (;;) {
      if (this.stopped) return;
      const items = takeDue(this.o.db, this.now(), batchSize);
      if (items.length === 0) {
        this.draining = null;
        return;
      }
      if (!this.draining) {
        const counts = queueCounts(this.o.db);
        this.draining = { sent: 0, total: counts.pending + counts.active };
      }
      const outcomes: Outcome[] = [];
      let next = 0;
      let offline = false;
      const ctx = { db: this.o.db, portal, now: this.now, random: this.random, language: this.o.language ?? (() => 'vi' as const) };
      const lane = async () => {
        while (next < items.length) {
          const item = items[next++]!;
          if (offline) {
            // The portal is unreachable: the rest of the batch waits for the next attempt untouched.
            outcomes.push({ kind: 'progress', entryId: item.id, apply: () => undefined, requeue: true });
            continue;
          }
          const outcome = await sendEntry(item, ctx);
          if (outcome.kind === 'retry' && outcome.status === undefined) offline = true;
          this.heard(outcome.kind === 'retry' ? { kind: 'transient', reason: outcome.error, ...(outcome.status !== undefined ? { status: outcome.status } : {}) } : { kind: 'ok', value: null });
          outcomes.push(outcome);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
      applyOutcomes(this.o.db, outcomes, this.now());
      this.draining.sent += outcomes.filter((o) => o.kind === 'acknowledged').length;
      this.queueChanged();
      // A creation acknowledged may have given a dossier its final code.
      for (const o of outcomes) if (o.kind === 'acknowledged' && o.apply) this.o.events.emit('dossier.changed', { code: dossierCodeOf(this.o.db, o.dossierId) });
      // A change the portal refused because its record moved on is now a conflict for the officer.
      if (outcomes.some((o) => o.kind === 'rejected' && o.apply)) {
        for (const item of items) if (item.kind === 'dossier.transition') this.o.events.emit('dossier.changed', { code: dossierCodeOf(this.o.db, item.dossierId) });
        this.o.events.emit('conflicts.changed', { open: openConflictCount(this.o.db) });
      }
      // A backlog writes much WAL: the worker writes it back itself, so that the automatic
      // checkpoint rarely falls on an officer's intake commit.
      checkpointWal(this.o.db);
      await new Promise((r) => setImmediate(r)); // let a waiting intake go first
      if (offline) return;
    }
  }

  /**
   * Keeps enough leased numbers for today and tomorrow, so a night and a morning offline still get
   * final codes. Each request tells the portal the numbers of the day this station already used;
   * each answer is checked against them before it is stored: a lease overlapping them is refused,
   * so no number is handed out twice (the officer reads why in the sync status).
   */
  private async topUpLeases(portal: PortalAdapter): Promise<void> {
    const { agencyId, stationNumber } = this.o.agency();
    const { size, lowWater } = this.o.lease();
    const own = this.o.ownBlock?.() ?? null;
    const today = vietnamToday(new Date(this.now()));
    for (const day of [today, addDays(today, 1)]) {
      if ((this.leaseProblems.get(day)?.holdUntil ?? -Infinity) > this.now()) continue;
      if (leasedNumbersLeft(this.o.db, agencyId, day) >= lowWater) continue;
      const result = await portal.leaseNumbers(agencyId, stationNumber, day, size, numbersUsed(this.o.db, agencyId, day, own));
      this.heard(result);
      if (result.kind === 'transient') return;
      const shown = formatDate(day);
      if (result.kind === 'rejected') {
        this.setLeaseProblem(day, { day, key: 'LEASE_REFUSED', params: { day: shown, detail: `${result.message} (${result.code})` } });
        continue;
      }
      const accepted = acceptLease(this.o.db, result.value, { agency: agencyId, day }, own, this.now());
      switch (accepted.kind) {
        case 'stored':
        case 'known':
          this.setLeaseProblem(day, null);
          break;
        case 'overlap':
          this.setLeaseProblem(day, {
            day, key: 'LEASE_OVERLAP',
            params: { day: shown, from: String(accepted.lease.first), to: String(accepted.lease.last), heldFrom: String(accepted.held.first), heldTo: String(accepted.held.last) },
          });
          break;
        case 'invalid':
          this.setLeaseProblem(day, { day, key: 'LEASE_INVALID', params: { day: shown, detail: accepted.detail } });
          break;
      }
    }
  }

  /** Catalogue and calendar replace the old ones only once complete and valid; the feed moves its cursor with the changes. */
  private async pull(portal: PortalAdapter): Promise<void> {
    this.lastPullAt = this.now();
    const db = this.o.db;
    let catalogueChanged = false;
    let calendarChanged = false;
    const catalogue = await portal.catalogue(getSyncState(db, 'catalogueVersion'));
    this.heard(catalogue);
    if (catalogue.kind === 'ok' && catalogue.value !== 'unchanged' && catalogue.value.procedures.length > 0) {
      const { version, procedures } = catalogue.value;
      db.transaction(() => {
        replaceCatalogue(db, procedures);
        setSyncState(db, 'catalogueVersion', version);
      }).immediate();
      catalogueChanged = true;
    }
    const year = Number(vietnamToday(new Date(this.now())).slice(0, 4));
    for (const y of [year, year + 1]) {
      const calendar = await portal.calendar(y);
      if (calendar.kind !== 'ok') break;
      if (getSyncState(db, `calendarVersion:${y}`) === calendar.value.version) continue;
      db.transaction(() => {
        replaceCalendarYear(db, y, calendar.value.days);
        setSyncState(db, `calendarVersion:${y}`, calendar.value.version);
      }).immediate();
      calendarChanged = true;
    }
    if (catalogueChanged) this.o.events.emit('catalogue.changed', {});
    if (calendarChanged) this.o.events.emit('calendar.changed', {});
    for (let page = 0; page < 20; page++) {
      const feed = await portal.feed(getSyncState(db, 'feedCursor') ?? '0', 500);
      this.heard(feed);
      if (feed.kind !== 'ok') break;
      // Each event through the lifecycle's transition table; what it refuses is kept as a conflict.
      const { changed, conflicts } = applyFeedEvents(db, feed.value.events, feed.value.next, this.now());
      for (const id of changed) this.o.events.emit('dossier.changed', { code: dossierCodeOf(db, id) });
      if (conflicts.length > 0) this.o.events.emit('conflicts.changed', { open: openConflictCount(db) });
      if (feed.value.events.length < 500) break;
    }
  }
}
