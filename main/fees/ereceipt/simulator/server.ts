import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { createProviderStore, openProviderDatabase, ProviderConflict, requestHash, type Answer, type ProviderStore } from './provider-store';

// An e-receipt provider simulator: a real HTTP server implementing ../PROTOCOL.md over its own
// SQLite, with fault injection, for tests and demos (`node --import tsx
// main/fees/ereceipt/simulator/cli.ts --port P --data DIR`). Each API key is bound to one
// seller's tax code, as providers issue keys per registered organisation.

export type ProviderAccount = Readonly<{ apiKey: string; taxCode: string }>;
export type RegisteredSeries = Readonly<{ taxCode: string; formNumber: string; series: string }>;

export type EReceiptSimulatorOptions = Readonly<{
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  accounts?: readonly ProviderAccount[];
  /** The series each seller registered; absent: any series is accepted. */
  series?: readonly RegisteredSeries[];
  now?: () => Date;
  /** Random source of the fault rates. */
  random?: () => number;
  host?: string;
}>;

const forcedFault = z.object({
  method: z.string().optional(),
  // An exact path, where * stands for one segment: /receipts/*/cancel
  path: z.string(),
  status: z.number().int().min(400).max(599),
  code: z.string().optional(),
  times: z.number().int().min(1).optional(),
}).strict();

export const providerFaultSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  rate5xx: z.number().min(0).max(1).default(0),
  dropBeforeCommit: z.number().min(0).max(1).default(0),
  dropAfterCommit: z.number().min(0).max(1).default(0),
  garbageRate: z.number().min(0).max(1).default(0),
  force: z.array(forcedFault).default([]),
}).strict();
export type ProviderFaults = z.output<typeof providerFaultSchema>;
export type ProviderFaultSettings = z.input<typeof providerFaultSchema>;

/** Faults a request asks for itself, in `X-Sim-Fault`. */
export const REQUEST_FAULTS = ['5xx', 'drop-before-commit', 'drop-after-commit', 'garbage'] as const;

export type EReceiptSimulator = Readonly<{
  url: string;
  port: number;
  store: ProviderStore;
  faults: Readonly<{ set: (f: ProviderFaultSettings) => ProviderFaults; get: () => ProviderFaults }>;
  stats: () => Readonly<{ requests: number; routes: Record<string, Record<string, number>> }>;
  reset: () => void;
  close: () => Promise<void>;
}>;

export const DEFAULT_ACCOUNT: ProviderAccount = { apiKey: 'ereceipt-demo-key', taxCode: '2300123456' };

const JSON_TYPE = 'application/json; charset=utf-8';

class SimError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const answer = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });
const errorAnswer = (status: number, code: string, message: string): Answer => answer(status, { error: { code, message } });

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh. */
function providerTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const timestamp = z.string().regex(/^\d{14}$/, 'phải có dạng yyyyMMddHHmmss');
const money = z.number().int().min(0).max(100_000_000_000);
const line = z.object({
  TenKhoanThu: z.string().min(1).max(500),
  SoLuong: z.number().int().min(1).max(100_000),
  MucThu: money,
  MienGiam: money,
  ThanhTien: money,
});

const issueSchema = z.object({
  MauSo: z.string().min(1).max(20),
  KyHieu: z.string().min(1).max(20),
  SoBienLai: z.string().regex(/^\d{7}$/, 'phải gồm đúng 7 chữ số'),
  NgayLap: timestamp,
  DonViThu: z.object({ Ten: z.string().min(1).max(300), MaSoThue: z.string().regex(/^\d{10}(-\d{3})?$/, 'phải gồm 10 chữ số (hoặc 10-3)'), MaCoQuan: z.string().max(40) }),
  NguoiNop: z.object({ HoTen: z.string().min(1).max(200), DiaChi: z.string().max(500) }),
  MaHoSo: z.string().max(64),
  TenThuTuc: z.string().max(1000),
  HinhThucThanhToan: z.enum(['TM', 'CK', 'QR']),
  DanhSachKhoanThu: z.array(line).min(1).max(50),
  TongTien: money.min(1),
  TongTienBangChu: z.string().min(1).max(500),
  CanBoThu: z.string().min(1).max(200),
}).superRefine((d, ctx) => {
  d.DanhSachKhoanThu.forEach((l, i) => {
    if (l.ThanhTien !== l.SoLuong * l.MucThu - l.MienGiam) {
      ctx.addIssue({ code: 'custom', path: ['DanhSachKhoanThu', i, 'ThanhTien'], message: 'phải bằng Số lượng × Mức thu − Miễn giảm' });
    }
  });
  if (d.TongTien !== d.DanhSachKhoanThu.reduce((a, l) => a + l.ThanhTien, 0)) {
    ctx.addIssue({ code: 'custom', path: ['TongTien'], message: 'phải bằng tổng Thành tiền các khoản thu' });
  }
});

const cancelSchema = z.object({ LyDo: z.string().trim().min(1, 'không được để trống').max(500) });

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new SimError(400, 'VALIDATION', `${field || 'Nội dung'}: ${issue.message}`);
}

export async function startEReceiptSimulator(options: EReceiptSimulatorOptions): Promise<EReceiptSimulator> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openProviderDatabase(join(options.dataDir, 'ereceipt-provider.sqlite'));
  const store = createProviderStore(db);
  const accounts = options.accounts ?? [DEFAULT_ACCOUNT];
  const random = options.random ?? Math.random;
  const now = () => options.now?.() ?? new Date();
  let faults: ProviderFaults = providerFaultSchema.parse({});
  const forcedLeft = new Map<number, number>();
  let requests = 0;
  const routes = new Map<string, Map<string, number>>();
  const count = (route: string, label: string) => {
    let m = routes.get(route);
    if (!m) routes.set(route, (m = new Map()));
    m.set(label, (m.get(label) ?? 0) + 1);
  };
  const setFaults = (f: ProviderFaultSettings) => {
    faults = providerFaultSchema.parse(f);
    forcedLeft.clear();
    faults.force.forEach((x, i) => forcedLeft.set(i, x.times ?? Number.POSITIVE_INFINITY));
    return faults;
  };
  const pathMatches = (pattern: string, path: string) => {
    const a = pattern.split('/');
    const b = path.split('/');
    return a.length === b.length && a.every((s, i) => s === '*' || s === b[i]);
  };

  const account = (req: IncomingMessage): ProviderAccount => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const found = m ? accounts.find((a) => a.apiKey === m[1]) : undefined;
    if (!found) throw new SimError(401, 'INVALID_API_KEY', 'Khóa truy cập (API key) không hợp lệ hoặc đã bị thu hồi.');
    return found;
  };
  const key = (req: IncomingMessage): string => {
    const k = req.headers['idempotency-key'];
    if (typeof k !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(k)) throw new SimError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Thiếu tiêu đề Idempotency-Key.');
    return k;
  };
  const json = (body: Buffer): unknown => {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new SimError(400, 'INVALID_JSON', 'Nội dung yêu cầu không phải JSON.');
    }
  };

  /** The protocol's routes: what each request does once it is past the faults. */
  function route(method: string, path: string, query: URLSearchParams, req: IncomingMessage, body: Buffer): { name: string; run: () => Answer } {
    const seg = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/ping') {
      return { name: 'GET /ping', run: () => answer(200, { ok: true, time: providerTime(now()), MaSoThue: account(req).taxCode }) };
    }
    if (seg[0] === 'receipts' && seg.length === 1 && method === 'POST') {
      return {
        name: 'POST /receipts',
        run: () => {
          const seller = account(req);
          const k = key(req);
          const raw = json(body);
          const doc = parse(issueSchema, raw);
          if (doc.DonViThu.MaSoThue !== seller.taxCode) {
            throw new SimError(403, 'SELLER_MISMATCH', `Khóa truy cập này thuộc đơn vị có mã số thuế ${seller.taxCode}, không phải ${doc.DonViThu.MaSoThue}.`);
          }
          const registered = options.series;
          if (registered && !registered.some((s) => s.taxCode === seller.taxCode && s.formNumber === doc.MauSo && s.series === doc.KyHieu)) {
            throw new SimError(422, 'SERIES_NOT_REGISTERED', `Mẫu số ${doc.MauSo}, ký hiệu ${doc.KyHieu} chưa được đăng ký phát hành.`);
          }
          return store.issue(k, requestHash(method, path, raw), doc, raw, providerTime(now()));
        },
      };
    }
    if (seg[0] === 'receipts' && seg.length === 1 && method === 'GET') {
      return {
        name: 'GET /receipts',
        run: () => {
          const seller = account(req);
          const found = store.find(seller.taxCode, query.get('MauSo') ?? '', query.get('KyHieu') ?? '', query.get('SoBienLai') ?? '');
          if (!found) throw new SimError(404, 'RECEIPT_NOT_FOUND', 'Không có biên lai với mẫu số, ký hiệu và số này.');
          return answer(200, found);
        },
      };
    }
    if (seg[0] === 'receipts' && seg.length === 2 && method === 'GET') {
      return {
        name: 'GET /receipts/{IdBienLai}',
        run: () => {
          const seller = account(req);
          const found = store.get(seg[1]!);
          if (!found || found.MaSoThue !== seller.taxCode) throw new SimError(404, 'RECEIPT_NOT_FOUND', `Không có biên lai ${seg[1]}.`);
          return answer(200, found);
        },
      };
    }
    if (seg[0] === 'receipts' && seg.length === 3 && seg[2] === 'cancel' && method === 'POST') {
      return {
        name: 'POST /receipts/{IdBienLai}/cancel',
        run: () => {
          const seller = account(req);
          const k = key(req);
          const raw = json(body);
          const { LyDo } = parse(cancelSchema, raw);
          return store.cancel(k, requestHash(method, path, raw), seg[1]!, LyDo, seller.taxCode, providerTime(now()));
        },
      };
    }
    return { name: 'unknown', run: () => { throw new SimError(404, 'NOT_FOUND', 'Không có đường dẫn này.'); } };
  }

  function write(res: ServerResponse, a: Answer): void {
    res.writeHead(a.status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(a.body), 'cache-control': 'no-store' });
    res.end(a.body);
  }

  const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= 1_000_000) chunks.push(c); else req.destroy(); });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => { if (!req.complete) reject(new Error('client gone')); });
  });

  function admin(method: string, what: string, body: Buffer): Answer {
    switch (`${method} ${what}`) {
      case 'POST faults': {
        const r = providerFaultSchema.safeParse(body.length ? json(body) : {});
        if (!r.success) return errorAnswer(400, 'VALIDATION', r.error.issues[0]?.message ?? 'Thiết lập lỗi không hợp lệ.');
        return answer(200, setFaults(r.data));
      }
      case 'GET faults': return answer(200, faults);
      case 'GET receipts': return answer(200, { receipts: store.receipts() });
      case 'POST reset': resetAll(); return answer(200, { ok: true });
      case 'GET stats': return answer(200, stats());
      default: return errorAnswer(404, 'NOT_FOUND', 'Không có đường dẫn này.');
    }
  }

  const stats = () => ({ requests, routes: Object.fromEntries([...routes].map(([k, m]) => [k, Object.fromEntries(m)])) });
  const resetAll = () => {
    store.reset();
    setFaults({});
    routes.clear();
    requests = 0;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const [path = '/', q = ''] = (req.url ?? '/').split('?');
    const query = new URLSearchParams(q);
    if (path.startsWith('/__sim/')) {
      const body = await readBody(req);
      try {
        return write(res, admin(method, path.slice('/__sim/'.length), body));
      } catch (e) {
        if (e instanceof SimError) return write(res, errorAnswer(e.status, e.code, e.message));
        throw e;
      }
    }
    requests += 1;
    const asked = String(req.headers['x-sim-fault'] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const unknown = asked.find((f) => !(REQUEST_FAULTS as readonly string[]).includes(f));
    if (unknown) return write(res, errorAnswer(400, 'SIM_FAULT_UNKNOWN', `X-Sim-Fault "${unknown}" không có; dùng: ${REQUEST_FAULTS.join(', ')}.`));
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (asked.includes('drop-before-commit') || random() < faults.dropBeforeCommit) {
      count('any', 'dropped-before-commit');
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    const r = route(method, path, query, req, body);
    let result: Answer;
    try {
      const forced = faults.force.findIndex((f, i) => (f.method === undefined || f.method === method) && pathMatches(f.path, path) && (forcedLeft.get(i) ?? 0) > 0);
      if (forced >= 0) {
        forcedLeft.set(forced, (forcedLeft.get(forced) ?? 1) - 1);
        const f = faults.force[forced]!;
        throw new SimError(f.status, f.code ?? (f.status === 401 ? 'INVALID_API_KEY' : f.status >= 500 ? 'INTERNAL' : 'FORCED'), `Lỗi giả lập ${f.status}.`);
      }
      if (asked.includes('5xx') || random() < faults.rate5xx) throw new SimError(503, 'SERVICE_UNAVAILABLE', 'Dịch vụ tạm thời không sẵn sàng.');
      result = r.run();
    } catch (e) {
      if (e instanceof SimError || e instanceof ProviderConflict) result = errorAnswer(e.status, e.code, e.message);
      else {
        console.error('[ereceipt-sim]', e);
        result = errorAnswer(500, 'INTERNAL', 'Lỗi máy chủ.');
      }
    }
    if (asked.includes('drop-after-commit') || random() < faults.dropAfterCommit) {
      count(r.name, 'dropped-after-commit');
      req.socket.destroy();
      return;
    }
    if (asked.includes('garbage') || random() < faults.garbageRate) {
      count(r.name, 'garbage');
      result = { status: 200, body: `${result.body.slice(0, result.body.length >> 1)}<html>Bad Gateway</html>` };
    } else {
      count(r.name, String(result.status));
    }
    write(res, result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    faults: { set: setFaults, get: () => faults },
    stats,
    reset: resetAll,
    close: () => new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      server.closeAllConnections();
      server.close(() => {
        db.close();
        resolve();
      });
    }),
  };
}
