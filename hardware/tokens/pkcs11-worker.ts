import { parentPort } from 'node:worker_threads';
import { Pkcs11Backend } from './pkcs11-backend';
import type { Request, Response } from './pkcs11-protocol';
import { TokenError } from './token';

// The worker thread that owns every PKCS#11 module: requests come one at a time from
// token-service.ts and are answered in order. Bundled on its own (dist/electron/pkcs11-worker.cjs)
// for the desktop app; run from source through tsx in tests and the browser host.

const port = parentPort;
if (!port) throw new Error('pkcs11-worker runs as a worker thread');
const backend = new Pkcs11Backend();

function handle(request: Request): unknown {
  switch (request.op) {
    case 'configure': return backend.configure(request.args.modules);
    case 'scan': return backend.scan(request.args.depth);
    case 'pinState': return backend.pinState(request.args.tokenRef);
    case 'login': {
      const { tokenRef } = request.args;
      // The PIN leaves this message as soon as the token has it.
      const sessionId = backend.login(tokenRef, request.args.pin);
      request.args.pin = '';
      return { sessionId };
    }
    case 'sign': return backend.sign(request.args.sessionId, request.args.keyId, request.args.mechanism, request.args.data);
    case 'logout': backend.logout(request.args.sessionId); return null;
    case 'reset': backend.reset(request.args.moduleId); return null;
    case 'shutdown': backend.shutdown(); return null;
  }
}

port.on('message', (request: Request) => {
  let response: Response;
  try {
    response = { id: request.id, ok: true, value: handle(request) };
  } catch (e) {
    if (request.op === 'login') request.args.pin = '';
    const error = e instanceof TokenError
      ? { code: e.code, detail: e.detail, ...(e.pin ? { pin: e.pin } : {}) }
      : { code: 'TOKEN_FAILED' as const, detail: e instanceof Error ? e.message.split('\n')[0]!.slice(0, 300) : String(e).slice(0, 300) };
    response = { id: request.id, ok: false, error };
  }
  port.postMessage(response);
});
