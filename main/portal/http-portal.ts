import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { z } from 'zod';
import type { CalendarDay } from '../core/calendar/types';
import type { Procedure, ProcessingTime } from '../core/model';
import type { AttachmentMeta, AuditBatchAck, PortalAdapter, PortalResult, UsedNumbers } from './portal-adapter';

// The HTTP/JSON implementation of the portal protocol (PROTOCOL.md). Every answer is checked
// against a schema: a portal that answers something else is treated as unreachable, never
// trusted. Keep-alive connections: a backlog of thousands drains over a few sockets.

export type HttpPortalOptions = Readonly<{
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request, connection to last byte. */
  timeoutMs?: number;
  maxSockets?: number;
  now?: () => number;
}>;

type Raw = { status: number; body: unknown; text: string };

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string().optional(), field: z.string().optional() }) });
const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const ackAnswer = z.object({ IdHoSo: z.string().min(1), MaHoSo: z.string().min(1), PhienBan: z.number().int() });
const leaseAnswer = z.object({ IdCapSo: z.string().min(1), MaCoQuan: z.string(), Ngay: z.string().regex(/^\d{8}$/), TuSo: z.number().int().min(1), DenSo: z.number().int().min(1) });
const uploadAnswer = z.object({ IdTaiLen: z.string().min(1), KichThuocKhoi: z.number().int().positive(), DaNhan: z.number().int().min(0) });
const procedureAnswer = z.object({
  MaTTHC: z.string().min(1).max(20),
  TenTTHC: z.string().min(1).max(500),
  TenLinhVuc: z.string().min(1).max(200),
  CapThucHien: z.enum(['xa', 'tinh']),
  ThoiHanGiaiQuyet: z.object({ DonVi: z.enum(['ngay', 'gio', 'trong_ngay']), GiaTri: z.number().min(0).optional(), GioChot: z.string().regex(/^\d{2}:\d{2}$/).optional() }),
  SoBoHoSo: z.number().int().min(1).max(20),
  PhiLePhi: z.array(z.object({ TenPhi: z.string(), SoTien: z.number().int().min(0), MoTa: z.string().optional() })),
  ThanhPhanHoSo: z.array(z.object({
    Ma: z.string().min(1).max(20), Ten: z.string().min(1).max(500), SoBanChinh: z.number().int().min(0), SoBanSao: z.number().int().min(0),
    SoBanPhoto: z.number().int().min(0), BatBuoc: z.boolean(),
  })).max(50),
});
const catalogueAnswer = z.object({ version: z.string(), procedures: z.array(procedureAnswer) });
const calendarAnswer = z.object({
  version: z.string(),
  days: z.array(z.object({ Ngay: z.string().regex(/^\d{8}$/), Loai: z.enum(['nghi_le', 'nghi_bu', 'lam_bu']), Ten: z.string().min(1).max(120) })),
});
const feedAnswer = z.object({
  events: z.array(z.object({
    Cursor: z.string(), IdHoSo: z.string(), MaHoSo: z.string(), TrangThaiHoSo: z.number().int().min(1).max(10),
    DonViXuLy: z.string(), CanBoXuLy: z.string(), ThoiGian: z.string(), NoiDung: z.string(),
  })),
  next: z.string(),
});

const auditAnswer = z.object({ DaNhan: z.number().int().min(1), MaBam: z.string().regex(/^[0-9a-f]{64}$/), Moi: z.number().int().min(0) });
const auditGap = z.object({ error: z.object({ code: z.literal('AUDIT_CHAIN_GAP'), expected: z.number().int().min(1) }) });

const dayFromPortal = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const dayToPortal = (d: string) => d.replace(/-/g, '');

function toProcessingTime(t: z.infer<typeof procedureAnswer>['ThoiHanGiaiQuyet']): ProcessingTime {
  if (t.DonVi === 'trong_ngay') return { unit: 'same_day', cutoff: t.GioChot ?? '15:00' };
  return { unit: t.DonVi === 'ngay' ? 'day' : 'hour', amount: t.GiaTri ?? 0 };
}

export function procedureFromPortal(p: z.infer<typeof procedureAnswer>): Procedure {
  return {
    code: p.MaTTHC, name: p.TenTTHC.normalize('NFC'), field: p.TenLinhVuc.normalize('NFC'), level: p.CapThucHien === 'xa' ? 'commune' : 'province',
    processingTime: toProcessingTime(p.ThoiHanGiaiQuyet), sets: p.SoBoHoSo, demo: false,
    fees: p.PhiLePhi.map((f) => ({ name: f.TenPhi.normalize('NFC'), amountVnd: f.SoTien, ...(f.MoTa ? { note: f.MoTa.normalize('NFC') } : {}) })),
    documents: p.ThanhPhanHoSo.map((d) => ({
      code: d.Ma, name: d.Ten.normalize('NFC'), originals: d.SoBanChinh, certifiedCopies: d.SoBanSao, copies: d.SoBanPhoto, mandatory: d.BatBuoc,
    })),
  };
}

export class HttpPortal implements PortalAdapter {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private token: { value: string; expiresAt: number } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: HttpPortalOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
    this.agent = this.base.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.now = options.now ?? Date.now;
  }

  close(): void {
    this.agent.destroy();
  }

  /** One HTTP exchange; never throws: network trouble is an answer like any other. */
  private send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Raw | { failed: string }> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json; charset=utf-8', 'content-length': payload.length } : {}),
            ...headers,
          },
          timeout: this.options.timeoutMs ?? 15_000,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = Symbol.for('garbage');
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, text });
          });
          res.on('error', (e) => resolve({ failed: e.message }));
          res.on('aborted', () => resolve({ failed: 'connection aborted' }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ failed: e.message }));
      req.end(payload);
    });
  }

  private async login(): Promise<string | PortalResult<never>> {
    const raw = await this.send('POST', 'oauth/token', { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret });
    if ('failed' in raw) return { kind: 'transient', reason: raw.failed };
    const ok = raw.status === 200 ? tokenAnswer.safeParse(raw.body) : undefined;
    if (ok?.success) {
      // Renew a little early: a token expiring in flight costs a round trip.
      this.token = { value: ok.data.access_token, expiresAt: this.now() + ok.data.expires_in * 1000 - 30_000 };
      return ok.data.access_token;
    }
    return { kind: 'transient', reason: raw.status === 401 ? 'AUTH_FAILED' : `login answered ${raw.status}`, status: raw.status };
  }

  /** An authenticated call: logs in when needed and once more after a 401 (rule 4). */
  private async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown, headers: Record<string, string> = {}, okStatus = [200, 201]): Promise<PortalResult<T>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let token = this.token && this.token.expiresAt > this.now() ? this.token.value : undefined;
      if (!token) {
        const got = await this.login();
        if (typeof got !== 'string') return got;
        token = got;
      }
      const raw = await this.send(method, path, body, { ...headers, authorization: `Bearer ${token}` });
      if ('failed' in raw) return { kind: 'transient', reason: raw.failed };
      if (raw.status === 401) {
        this.token = undefined;
        continue;
      }
      return this.interpret(raw, schema, okStatus);
    }
    return { kind: 'transient', reason: 'AUTH_FAILED', status: 401 };
  }

  private interpret<T>(raw: Raw, schema: z.ZodType<T>, okStatus: number[]): PortalResult<T> {
    if (okStatus.includes(raw.status)) {
      const parsed = schema.safeParse(raw.body);
      return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'transient', reason: `unreadable answer (${raw.status})`, status: raw.status };
    }
    if (raw.status === 429 || raw.status >= 500 || raw.status < 400) return { kind: 'transient', reason: `HTTP ${raw.status}`, status: raw.status };
    const error = errorBody.safeParse(raw.body);
    return {
      kind: 'rejected',
      status: raw.status,
      code: error.success ? error.data.error.code : `HTTP_${raw.status}`,
      message: error.success ? (error.data.error.message ?? error.data.error.code) : raw.text.slice(0, 300),
      ...(error.success && error.data.error.field ? { field: error.data.error.field } : {}),
      body: raw.body,
    };
  }

  async ping() {
    const raw = await this.send('GET', 'ping');
    if ('failed' in raw) return { kind: 'transient', reason: raw.failed } as const;
    return this.interpret(raw, z.object({ ok: z.literal(true), time: z.string() }).transform(({ time }) => ({ time })), [200]);
  }

  async catalogue(knownVersion?: string) {
    const result = await this.call('GET', 'catalogue', z.union([catalogueAnswer, z.undefined()]), undefined, knownVersion ? { 'if-none-match': knownVersion } : {}, [200, 304]);
    if (result.kind !== 'ok') return result;
    if (!result.value) return { kind: 'ok', value: 'unchanged' } as const;
    return { kind: 'ok', value: { version: result.value.version, procedures: result.value.procedures.map(procedureFromPortal) } } as const;
  }

  async calendar(year: number) {
    const result = await this.call('GET', `calendar?year=${year}`, calendarAnswer);
    if (result.kind !== 'ok') return result;
    const kinds = { nghi_le: 'holiday', nghi_bu: 'compensatory', lam_bu: 'makeup_workday' } as const;
    const days: CalendarDay[] = result.value.days.map((d) => ({ date: dayFromPortal(d.Ngay), kind: kinds[d.Loai], name: d.Ten.normalize('NFC') }));
    return { kind: 'ok', value: { version: result.value.version, days } } as const;
  }

  async leaseNumbers(agency: string, station: number, day: string, count: number, used: UsedNumbers) {
    const result = await this.call('POST', `agencies/${encodeURIComponent(agency)}/number-leases`, leaseAnswer, {
      MaMayTram: String(station).padStart(2, '0'), Ngay: dayToPortal(day), SoLuong: count,
      DaDung: used.map((r) => ({ TuSo: r.first, DenSo: r.last })),
    });
    if (result.kind !== 'ok') return result;
    const v = result.value;
    return { kind: 'ok', value: { id: v.IdCapSo, agency: v.MaCoQuan, day: dayFromPortal(v.Ngay), first: v.TuSo, last: v.DenSo } } as const;
  }

  async createDossier(idempotencyKey: string, record: unknown) {
    const result = await this.call('POST', 'dossiers', ackAnswer, record, { 'idempotency-key': idempotencyKey });
    return result.kind === 'ok' ? ({ kind: 'ok', value: { portalId: result.value.IdHoSo, code: result.value.MaHoSo, version: result.value.PhienBan } } as const) : result;
  }

  async updateDossier(idempotencyKey: string, portalId: string, patch: unknown) {
    const result = await this.call('PATCH', `dossiers/${encodeURIComponent(portalId)}`, ackAnswer, patch, { 'idempotency-key': idempotencyKey });
    return result.kind === 'ok' ? ({ kind: 'ok', value: { portalId: result.value.IdHoSo, code: result.value.MaHoSo, version: result.value.PhienBan } } as const) : result;
  }

  async recordTransition(idempotencyKey: string, portalId: string, transition: unknown) {
    const result = await this.call('POST', `dossiers/${encodeURIComponent(portalId)}/transitions`, ackAnswer, transition, { 'idempotency-key': idempotencyKey });
    return result.kind === 'ok' ? ({ kind: 'ok', value: { portalId: result.value.IdHoSo, code: result.value.MaHoSo, version: result.value.PhienBan } } as const) : result;
  }

  async startUpload(idempotencyKey: string, portalId: string, meta: AttachmentMeta) {
    const result = await this.call('POST', `dossiers/${encodeURIComponent(portalId)}/attachments`, uploadAnswer, {
      TenTep: meta.fileName, KichThuoc: meta.size, Sha256: meta.sha256, MaThanhPhanHoSo: meta.documentCode, LoaiTep: meta.mime,
      // Only a replacement names what it replaces: a first upload's body is as it always was.
      ...(meta.replaces ? { ThayThe: meta.replaces } : {}),
    }, { 'idempotency-key': idempotencyKey });
    return result.kind === 'ok' ? ({ kind: 'ok', value: { uploadId: result.value.IdTaiLen, chunkSize: result.value.KichThuocKhoi, received: result.value.DaNhan } } as const) : result;
  }

  async uploadStatus(uploadId: string) {
    const result = await this.call('GET', `uploads/${encodeURIComponent(uploadId)}`, z.object({ DaNhan: z.number().int().min(0), HoanTat: z.boolean() }));
    return result.kind === 'ok' ? ({ kind: 'ok', value: { received: result.value.DaNhan, done: result.value.HoanTat } } as const) : result;
  }

  async uploadChunk(uploadId: string, offset: number, bytes: Buffer) {
    const result = await this.call('PUT', `uploads/${encodeURIComponent(uploadId)}?offset=${offset}`, z.object({ DaNhan: z.number().int().min(0) }), bytes);
    return result.kind === 'ok' ? ({ kind: 'ok', value: { received: result.value.DaNhan } } as const) : result;
  }

  async completeUpload(uploadId: string) {
    const result = await this.call('POST', `uploads/${encodeURIComponent(uploadId)}/complete`, z.object({ IdTaiLieu: z.string().min(1), Sha256: z.string() }), {});
    return result.kind === 'ok' ? ({ kind: 'ok', value: { attachmentId: result.value.IdTaiLieu, sha256: result.value.Sha256 } } as const) : result;
  }

  async sendAuditBatch(agency: string, body: unknown): Promise<PortalResult<AuditBatchAck>> {
    const result = await this.call('POST', `agencies/${encodeURIComponent(agency)}/audit-batches`, auditAnswer, body);
    if (result.kind === 'ok') return { kind: 'ok', value: { kind: 'held', held: result.value.DaNhan, hash: result.value.MaBam, added: result.value.Moi } };
    if (result.kind === 'rejected' && result.code === 'AUDIT_CHAIN_GAP') {
      // The portal says where it stands; a gap answer without a readable `expected` is not trusted.
      const gap = auditGap.safeParse(result.body);
      return gap.success ? { kind: 'ok', value: { kind: 'gap', held: gap.data.error.expected - 1 } } : { kind: 'transient', reason: 'unreadable answer (409)', status: 409 };
    }
    return result;
  }

  async feed(after: string, limit: number) {
    const result = await this.call('GET', `feed?after=${encodeURIComponent(after)}&limit=${limit}`, feedAnswer);
    if (result.kind !== 'ok') return result;
    return {
      kind: 'ok',
      value: {
        next: result.value.next,
        events: result.value.events.map((e) => ({
          cursor: e.Cursor, portalId: e.IdHoSo, code: e.MaHoSo, status: e.TrangThaiHoSo, unit: e.DonViXuLy.normalize('NFC'),
          officer: e.CanBoXuLy.normalize('NFC'), at: e.ThoiGian, note: e.NoiDung.normalize('NFC'),
        })),
      },
    } as const;
  }
}
