import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { z } from 'zod';
import type { EReceiptDocument, EReceiptProvider, IssuedEReceipt, ProviderResult } from './provider';

// The HTTP/JSON implementation of the e-receipt protocol (PROTOCOL.md). Every answer is checked
// against a schema: a provider that answers something else is treated as unreachable, never
// trusted. It never throws: network trouble is an answer like any other.

export type HttpEReceiptOptions = Readonly<{
  baseUrl: string;
  apiKey: string;
  /** Per request, connection to last byte. */
  timeoutMs?: number;
}>;

type Raw = { status: number; body: unknown } | { failed: 'network' | 'timeout'; detail: string };

const GARBAGE = Symbol('garbage');
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });
const issuedAnswer = z.object({ IdBienLai: z.string().min(1), MaTraCuu: z.string().min(1), ThoiDiemPhatHanh: z.string() });
const cancelledAnswer = z.object({ IdBienLai: z.string().min(1), TrangThai: z.literal('da_huy'), ThoiDiemHuy: z.string() });
const pingAnswer = z.object({ ok: z.literal(true), time: z.string(), MaSoThue: z.string() });

export class HttpEReceiptProvider implements EReceiptProvider {
  private readonly base: URL;
  private readonly agent: HttpAgent;

  constructor(private readonly options: HttpEReceiptOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const agentOptions = { keepAlive: true, maxSockets: 4 };
    this.agent = this.base.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  close(): void {
    this.agent.destroy();
  }

  ping(): Promise<ProviderResult<{ time: string; taxCode: string }>> {
    return this.call('GET', 'ping', undefined, {}, pingAnswer, (b) => ({ time: b.time, taxCode: b.MaSoThue }));
  }

  issue(idempotencyKey: string, document: EReceiptDocument): Promise<ProviderResult<IssuedEReceipt>> {
    return this.call('POST', 'receipts', document, { 'idempotency-key': idempotencyKey }, issuedAnswer, (b) => ({
      providerId: b.IdBienLai, lookupCode: b.MaTraCuu, issuedAt: b.ThoiDiemPhatHanh,
    }));
  }

  cancel(idempotencyKey: string, providerId: string, reason: string): Promise<ProviderResult<{ cancelledAt: string }>> {
    return this.call('POST', `receipts/${encodeURIComponent(providerId)}/cancel`, { LyDo: reason }, { 'idempotency-key': idempotencyKey }, cancelledAnswer, (b) => ({
      cancelledAt: b.ThoiDiemHuy,
    }));
  }

  private async call<S extends z.ZodType, T>(
    method: string, path: string, body: unknown, headers: Record<string, string>, schema: S, map: (b: z.output<S>) => T,
  ): Promise<ProviderResult<T>> {
    const raw = await this.send(method, path, body, headers);
    if ('failed' in raw) return { kind: 'transient', reason: raw.failed, detail: raw.detail };
    const { status } = raw;
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(raw.body);
      return parsed.success ? { kind: 'ok', value: map(parsed.data) } : { kind: 'transient', reason: 'unreadable', detail: `HTTP ${status}`, status };
    }
    const error = errorBody.safeParse(raw.body);
    const code = error.success ? error.data.error.code : `HTTP_${status}`;
    const message = error.success ? (error.data.error.message ?? code) : `HTTP ${status}`;
    if (status === 401) return { kind: 'transient', reason: 'auth', detail: message, status };
    if (status === 408 || status === 429) return { kind: 'transient', reason: 'busy', detail: message, status };
    if (status >= 500 || raw.body === GARBAGE) return { kind: 'transient', reason: status >= 500 ? 'server' : 'unreadable', detail: message, status };
    return { kind: 'rejected', status, code, message };
  }

  private send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Raw> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(url, {
        method,
        agent: this.agent,
        timeout: this.options.timeoutMs ?? 15_000,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.options.apiKey}`,
          ...(payload ? { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length } : {}),
          ...headers,
        },
      }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = GARBAGE;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', (e) => resolve({ failed: 'network', detail: e.message }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ failed: e.message === 'timeout' ? 'timeout' : 'network', detail: e.message }));
      req.end(payload);
    });
  }
}
