import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WebHost } from '../../main/hosts/web/web-host';
import type { Officer } from '../../main/contract/dispatch';
import { sessionOf, TEST_OFFICER } from '../helpers/station';
import { insertOfficer, officerById } from '../../main/officers/officers-store';

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

/**
 * The address a test opens: the host's token and a session of `officer` already logged in
 * (as after `session.login`; the login screen itself has its own test), never idle-locked.
 */
export function stationUrl(host: WebHost, officer: Officer = TEST_OFFICER): string {
  // The account behind the session (the shell asks who is logged in); nobody logs in with its
  // password, so it stores none that could match.
  if (!officerById(host.station.db, officer.id)) {
    insertOfficer(host.station.db, { id: officer.id, username: officer.id, fullName: officer.name, roles: [...officer.roles], passwordHash: '!no-login', mustChangePassword: false }, Date.now());
  }
  return `${host.url}#token=${host.token}&session=${sessionOf(host.station, officer)}`;
}

/** Opens a page of the administration tab (calendar, settings, signing, scanners, officers) by its menu. */
export async function openAdminPage(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name: /Quản trị/ }).click();
  await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name }).click();
}
