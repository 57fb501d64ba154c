// The counter's cost of one dossier, measured in the real renderer: every key the officer
// presses and every moment the UI makes the officer wait, from F2 to the printed slip, for the
// birth registration (procedure 1.001193) as test/e2e/intake.e2e.test.ts receives it.
//
//     npm run build:renderer && npx tsx test/e2e/keystrokes.ts [--runs 3]
//     KEYSTROKES_RENDERER=/path/to/another/dist/renderer npx tsx test/e2e/keystrokes.ts
//
// The first run is the day's first dossier (nothing cached); the next ones are warm. The flow
// it drives is the current UI's: a build of an older UI needs this script as it was then.
//
// Keys are counted as a person presses them on a Vietnamese keyboard with Telex input: a letter
// is one key, a capital adds Shift, each diacritic adds its Telex key (ê = e e, ư = u w, đ = d d,
// each tone mark one more), a chord counts each key (Ctrl+S = 2). Waiting is measured inside
// the page: from the keydown that asks for something to the moment the UI shows it (a mutation
// or a focus change makes it true), so Playwright's own polling is not counted.
// This is a benchmark script, not a test: it prints figures and asserts only that the flow
// really received and printed the dossier.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import type { PdfPrinter, PrintJob } from '../../hardware/printers/printer';
import { launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';

/** Another build of the renderer to measure (e.g. the one before a change): KEYSTROKES_RENDERER=dir. */
const rendererDir = process.env.KEYSTROKES_RENDERER ?? RENDERER_DIR;

const PROCEDURE = '1.001193';
// Monday 23/11/2026, 09:32 in Vietnam: the appointment is 17:00 the same day.
const clock = () => new Date('2026-11-23T02:32:00Z');

const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const SHAPES = new Set(['\u0302', '\u0306', '\u031B']);

/** Keys pressed to type `text` with Telex (see the header). */
export function telexKeys(text: string): number {
  let keys = 0;
  for (const ch of text.normalize('NFD')) {
    if (TONES.has(ch) || SHAPES.has(ch)) keys += 1;
    else if (ch === 'đ') keys += 2;
    else if (ch === 'Đ') keys += 3;
    else keys += /\p{Lu}/u.test(ch) ? 2 : 1;
  }
  return keys;
}

// Installed in the page before it loads: a keydown arms the watch, then every mutation, focus
// change and animation frame checks the condition until it holds.
const WATCHER = `
  window.__kt = { armed: false, t0: 0, done: null, cond: null, loaded: null };
  const check = () => {
    const s = window.__kt;
    if (s.armed && s.cond && s.done === null) {
      let ok = false;
      try { ok = !!s.cond(); } catch { ok = false; }
      if (ok) { s.done = performance.now(); s.cond = null; s.armed = false; }
    }
  };
  addEventListener('keydown', () => { const s = window.__kt; if (s.cond) { s.t0 = performance.now(); s.armed = true; queueMicrotask(check); } }, true);
  addEventListener('focusin', check, true);
  // load does not reach window: the document's capture phase sees a frame finish loading.
  document.addEventListener('load', (e) => { if (e.target && e.target.tagName === 'IFRAME') { window.__kt.loaded = e.target.src; check(); } }, true);
  const start = () => new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', start); else start();
  const frame = () => { check(); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

type Section = 'open' | 'procedure' | 'owner' | 'documents' | 'notes' | 'save' | 'print';

class Officer {
  readonly keys: Record<Section, number> = { open: 0, procedure: 0, owner: 0, documents: 0, notes: 0, save: 0, print: 0 };
  readonly waits: Array<{ what: string; ms: number }> = [];
  section: Section = 'open';

  constructor(readonly page: Page) {}

  async type(text: string): Promise<void> {
    this.keys[this.section] += telexKeys(text);
    await this.page.keyboard.type(text);
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.keys[this.section] += key === '+' ? 1 : key.split('+').length; // "+" itself: the keypad's plus
      await this.page.keyboard.press(key);
    }
  }

  /**
   * Runs `act` (its last key is what asks), then waits until `condition` (a page-side JavaScript
   * expression) holds, and records how long that took after the keydown.
   */
  async waitAfter(what: string, condition: string, act: () => Promise<void>): Promise<void> {
    await this.page.evaluate(`(() => { const s = window.__kt; s.done = null; s.armed = false; s.cond = () => (${condition}); })()`);
    await act();
    await this.page.waitForFunction(() => (globalThis as unknown as { __kt: { done: number | null } }).__kt.done !== null, undefined, { timeout: 30_000 });
    const ms = (await this.page.evaluate('window.__kt.done - window.__kt.t0')) as number;
    this.waits.push({ what, ms });
  }
}

const focusedName = (name: string) => `document.activeElement && document.activeElement.getAttribute('name') === ${JSON.stringify(name)}`;

/** One dossier from F2 to the slip on the printer; answers the dossier code printed. */
async function receiveOne(o: Officer, printed: PrintJob[]): Promise<string> {
  const page = o.page;
  o.section = 'open';
  await o.waitAfter('F2 → procedure search focused', `document.activeElement && document.activeElement.getAttribute('role') === 'combobox'`, () => o.press('F2'));

  o.section = 'procedure';
  await o.waitAfter('search → the procedure listed', `(document.querySelector('[role=option]') || {}).textContent?.includes(${JSON.stringify(PROCEDURE)})`,
    () => o.type('dang ky khai sinh'));
  await o.waitAfter('Enter → procedure chosen, its documents listed', `document.querySelector('[data-testid=chosen-procedure]') && document.querySelector('table.documents tbody tr') && ${focusedName('owner.fullName')}`,
    () => o.press('Enter'));

  o.section = 'owner';
  for (const text of ['Nguyễn Thị Thuỷ Tiên', '001190012345', '15/03/1990', '0912 345 678', '', 'Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh']) {
    await o.type(text);
    await o.press('Enter');
  }

  o.section = 'documents';
  await tickDocuments(o);

  o.section = 'notes';
  if (!(await page.evaluate(focusedName('notes')))) throw new Error('The documents step did not end in the notes');
  await o.type('Đã đối chiếu bản chính');

  o.section = 'save';
  await o.waitAfter('Ctrl+S → dossier received, code shown', `document.querySelector('[data-testid=saved-code]')`, () => o.press('Control+s'));
  const code = (await page.getByTestId('saved-code').textContent()) ?? '';

  o.section = 'print';
  // The receipt's "In giấy hẹn" has focus: Enter opens the preview (Ctrl+P does too, one key more).
  if (!(await page.evaluate(`document.activeElement && document.activeElement.textContent.startsWith('In giấy hẹn')`))) throw new Error('The receipt does not offer the slip first');
  await o.waitAfter('Enter → slip preview loaded in its frame', `!!window.__kt.loaded && (document.querySelector('iframe.pdf[src^="blob:"]') || {}).src === window.__kt.loaded`, () => o.press('Enter'));
  const before = printed.length;
  await o.waitAfter('Enter → slip sent to the printer', `(document.querySelector('.slip-preview [role=status]') || {}).textContent?.includes('Đã gửi lệnh in')`, () => o.press('Enter'));
  if (printed.length !== before + 1) throw new Error('The slip did not reach the printer');
  // No Esc: the next citizen's F2 closes the preview.
  return code;
}

/**
 * From the "submitted by someone else" box (where Enter leaves the address) to the notes: every
 * mandatory document ticked with the counts the procedure asks for. The documents are one stop:
 * Enter reaches them, "+" ticks the mandatory ones, Enter goes on to the notes.
 */
async function tickDocuments(o: Officer): Promise<void> {
  await o.press('Enter'); // past "submitted by someone else", into the documents
  await o.press('+');
  await o.press('Enter');
}

async function api<T>(host: WebHost, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.url}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  if (!body.ok) throw new Error(JSON.stringify(body));
  return body.value;
}

async function main(): Promise<void> {
  if (!process.env.KEYSTROKES_RENDERER) requireBuiltRenderer();
  const runs = Number(/--runs[= ](\d+)/.exec(process.argv.slice(2).join(' '))?.[1] ?? 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'station-keystrokes-'));
  const printed: PrintJob[] = [];
  // No printer exists on this machine: this one takes the job as a printer queue would.
  const printer: PdfPrinter = {
    list: async () => [{ name: 'quay-1', displayName: 'Máy in quầy 1', isDefault: true }],
    print: async (job) => { printed.push(job); return { printer: job.printer ?? 'quay-1' }; },
  };
  const host = await startWebHost({ port: 0, dataDir, rendererDir, version: 'bench', now: clock, printer });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await context.addInitScript(WATCHER);
    const page = await context.newPage();
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').waitFor();

    const results = [];
    for (let run = 0; run < runs; run++) {
      const officer = new Officer(page);
      const code = await receiveOne(officer, printed);
      const dossier = await api<{ notes: string; documents: unknown[] }>(host, 'dossier.get', { code });
      if (dossier.notes !== 'Đã đối chiếu bản chính' || dossier.documents.length !== 3) throw new Error(`Dossier ${code} was not received as typed`);
      const keys = Object.values(officer.keys).reduce((a, b) => a + b, 0);
      const waited = officer.waits.reduce((a, w) => a + w.ms, 0);
      results.push({ code, keys, byStep: officer.keys, waitedMs: Math.round(waited), waits: officer.waits.map((w) => ({ what: w.what, ms: Math.round(w.ms) })) });
    }
    const last = printed.at(-1);
    if (last) {
      const file = join(dataDir, 'printed.pdf');
      writeFileSync(file, last.pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      if (!text.includes(results.at(-1)?.code ?? '?')) throw new Error('The printed slip does not carry the dossier code');
    }
    const warm = results.slice(1).map((r) => r.waitedMs).sort((a, b) => a - b);
    console.log(JSON.stringify({
      procedure: PROCEDURE,
      viewport: '1366x768',
      keystrokes: results[0]?.keys,
      keystrokesByStep: results[0]?.byStep,
      waitedMs: { first: results[0]?.waitedMs, warmMedian: warm[Math.floor(warm.length / 2)] ?? null },
      runs: results,
    }, null, 2));
  } finally {
    await browser.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
