import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WebHost } from '../../main/hosts/web/web-host';

// Debian's Chromium, driven by playwright-core (no browser download on these machines).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (see .ci/run)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The built renderer the web host serves in these tests (`npm test` builds it first). */
export const RENDERER_DIR = resolve('dist/renderer');

export function requireBuiltRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
}

/** Calls a channel of a running web host as the renderer does; a refusal fails the test. */
export function hostApi(host: () => WebHost): <T>(channel: string, input: unknown) => Promise<T> {
  return async <T,>(channel: string, input: unknown): Promise<T> => {
    const res = await fetch(`${host().url}api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host().token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value: T };
    if (!body.ok) throw new Error(JSON.stringify(body));
    return body.value;
  };
}
