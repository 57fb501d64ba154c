import { request as httpRequestRaw, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequestRaw } from 'node:https';

// HTTP for network scanners. Scanners on a counter's LAN present self-signed certificates on
// their https endpoints (eSCL over _uscans), so the certificate is not verified: the link is
// encrypted against passive listening on the LAN, not authenticated.

export type HttpResponse = Readonly<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>;

export class HttpFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'too_large' | 'aborted',
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'HttpFailure';
  }
}

export type HttpRequestOptions = Readonly<{
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** No byte received for this long: give up. */
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBytes?: number;
  onData?: (received: number, total: number | undefined) => void;
}>;

export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new HttpFailure('network', `invalid URL ${url}`));
      return;
    }
    const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
    const headers = { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const make = target.protocol === 'https:' ? httpsRequestRaw : httpRequestRaw;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new HttpFailure('network', `unsupported protocol ${target.protocol}`));
      return;
    }
    const maxBytes = options.maxBytes ?? 200 << 20;
    const req = make(target, { method: options.method ?? 'GET', headers, rejectUnauthorized: false, timeout: options.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const total = res.headers['content-length'] ? Number(res.headers['content-length']) : undefined;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          req.destroy(new HttpFailure('too_large', `more than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
        options.onData?.(received, total);
      });
      res.on('end', () => {
        if (total !== undefined && received < total) reject(new HttpFailure('network', `response cut at ${received} of ${total} bytes`));
        else resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', (e) => reject(e instanceof HttpFailure ? e : new HttpFailure('network', e.message)));
      res.on('aborted', () => reject(new HttpFailure('network', 'response aborted')));
    });
    req.on('timeout', () => req.destroy(new HttpFailure('timeout', `no answer from ${target.host} within ${options.timeoutMs ?? 30_000} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => reject(e instanceof HttpFailure ? e : new HttpFailure('network', `${e.code ?? ''} ${e.message}`.trim())));
    const onAbort = () => req.destroy(new HttpFailure('aborted', 'cancelled'));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => options.signal?.removeEventListener('abort', onAbort));
    req.end(body);
  });
}
