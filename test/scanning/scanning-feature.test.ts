import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanSessionView, ScannerSettings, StoredScan } from '../../main/contract/scanning-channels';
import { VIETNAMESE_TEXT } from '../helpers/station';
import { startEsclSimulator, type EsclSimulator } from '../hardware/scanners/escl-simulator';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { QUICK, errorOf, scanningStation, withFakeScanimage, type ScanningStation } from './helpers';

// The counter's workflow through the contract, as the renderer drives it: a document of a saved
// dossier scanned from SANE's test device (or the eSCL simulator), pages edited, one PDF stored
// and attached in one transaction — and every way it can go wrong leaving nothing half-saved.

const pdfInfo = (file: string) => execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(pdfInfo(file))?.[1]);
const rows = (s: ScanningStation, table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const fileOf = (s: ScanningStation, stored: StoredScan) => (s.db.prepare('SELECT path FROM dossier_files WHERE id = ?').get(stored.fileId) as { path: string }).path;
const pdfFiles = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.pdf')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
};

let sim: EsclSimulator | undefined;
let saneConfig: string;
let restoreSane: () => void;
beforeAll(() => {
  saneConfig = mkdtempSync(join(tmpdir(), 'scan-feature-sane-'));
  restoreSane = saneTestConfig(saneConfig); // listing SANE devices takes seconds with every backend enabled
});
afterAll(() => {
  restoreSane();
  rmSync(saneConfig, { recursive: true, force: true });
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('scanning a document of a saved dossier', () => {
  it('scans a feeder of 10 pages, shows them as they come, and stores one PDF attached to the document with its SHA-256', async () => {
    const s = await scanningStation();
    const session = await s.open();
    expect(session.title).toContain(s.dossier.code);
    const view = await s.scan(session.sessionId);
    expect(view.job).toMatchObject({ state: 'done', received: 10, error: null, profile: QUICK });
    expect(view.pages).toHaveLength(10);
    expect(view.pages.every((p) => p.removed === null && p.mode === 'gray' && p.dpi === 75)).toBe(true);
    // Every thumbnail arrived once, a dozen at most per answer: answers stay small.
    expect(view.thumbnailsSeen).toBe(10);
    expect(view.largestAnswer).toBeLessThan(12 * 12_000);

    const stored = await s.saveScan(session.sessionId);
    expect(stored).toMatchObject({ documentCode: s.dossier.documents[0]!.code, pages: 10, colorMode: 'gray', resolution: 75, scanner: 'test', scannedAt: '2026-11-23T09:32' });
    const file = fileOf(s, stored);
    expect(file.startsWith(join(s.dir, 'scans', '2026', s.dossier.code))).toBe(true);
    const bytes = readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.sha256);
    expect(bytes.length).toBe(stored.bytes);
    expect(pageCount(file)).toBe(10);
    expect(pdfInfo(file)).toContain(`Title:           ${s.dossier.documents[0]!.name} — hồ sơ ${s.dossier.code}`);
    // The link, the file record and its upload entry: one of each.
    expect(s.db.prepare('SELECT document_code AS d, pages FROM scanned_documents').all()).toEqual([{ d: stored.documentCode, pages: 10 }]);
    expect(s.db.prepare("SELECT kind, dossier_file_id AS f FROM outbox WHERE kind = 'file.upload'").all()).toEqual([{ kind: 'file.upload', f: stored.fileId }]);
    expect(await s.ok('scan.documents', { dossierCode: s.dossier.code })).toEqual([stored]);
    const pdf = await s.ok<{ base64: string }>('scan.pdf', { dossierCode: s.dossier.code, documentCode: stored.documentCode });
    expect(Buffer.from(pdf.base64, 'base64').equals(bytes)).toBe(true);
    // Saving closed the session.
    expect((await s.call('scan.status', { sessionId: session.sessionId })).ok).toBe(false);
  });

  it('drops the blank backs of a duplex job and brings one back on request', async () => {
    const s = await scanningStation({ profile: { ...QUICK, source: 'duplex' } });
    const view = await withFakeScanimage('duplex', async () => {
      const session = await s.open();
      return s.scan(session.sessionId);
    });
    expect(view.job?.state).toBe('done');
    expect(view.pages.map((p) => p.removed)).toEqual([null, 'blank', null, 'blank', null, 'blank', null, 'blank', null, 'blank']);
    expect(view.estimatedBytes).toBeGreaterThan(0);
    const back = view.pages[1]!.id;
    const restored = await s.ok<ScanSessionView>('scan.edit', { sessionId: view.sessionId, edit: { op: 'restore', pageId: back } });
    expect(restored.pages[1]!.removed).toBeNull();
    const stored = await s.saveScan(view.sessionId);
    expect(stored.pages).toBe(6);
  });

  it('keeps blank pages when the technician turned dropping off', async () => {
    const s = await scanningStation({ dropBlankPages: false, deviceOptions: { 'test-picture': 'Solid white' } });
    const view = await s.scan((await s.open()).sessionId, { profile: { source: 'flatbed' } });
    expect(view.pages.map((p) => p.removed)).toEqual([null]);
  });

  it('rotates, reorders, removes and rescans pages; the PDF follows', async () => {
    const s = await scanningStation({ profile: { ...QUICK, source: 'flatbed' } });
    const session = await s.open();
    for (const picture of ['Grid', 'Color pattern', 'Solid black']) {
      await s.configure({ deviceOptions: { 'test-picture': picture } });
      await s.scan(session.sessionId);
    }
    let view = await s.ok<ScanSessionView>('scan.status', { sessionId: session.sessionId });
    const [grid, pattern, black] = view.pages.map((p) => p.id) as [string, string, string];
    expect(view.pages).toHaveLength(3);
    view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'rotate', pageId: pattern, quarterTurns: 1 } });
    view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'rotate', pageId: pattern, quarterTurns: 2 } });
    expect(view.pages[1]!.rotation).toBe(270);
    view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'move', pageId: black, to: 0 } });
    expect(view.pages.map((p) => p.id)).toEqual([black, grid, pattern]);
    view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'remove', pageId: grid } });
    expect(view.pages[1]!.removed).toBe('officer');
    // Rescan the black page: the new page takes its place.
    await s.configure({ deviceOptions: { 'test-picture': 'Grid' } });
    view = await s.scan(session.sessionId, { replacePageId: black });
    expect(view.pages).toHaveLength(3);
    expect(view.pages[0]!.id).not.toBe(black);
    expect(view.pages.slice(1).map((p) => p.id)).toEqual([grid, pattern]);
    const preview = await s.ok<{ preview: string }>('scan.page', { sessionId: session.sessionId, pageId: pattern });
    expect(preview.preview).toMatch(/^data:image\/jpeg;base64,/);

    const stored = await s.saveScan(session.sessionId);
    expect(stored.pages).toBe(2);
    const info = pdfInfo(fileOf(s, stored));
    expect(info).toMatch(/Page\s+1 rot:\s+0/);
    expect(info).toMatch(/Page\s+2 rot:\s+270/);
  });

  it('appends pages to the stored scan, or replaces it; earlier files stay for the upload queue', async () => {
    const s = await scanningStation({ profile: { ...QUICK, source: 'flatbed' } });
    let session = await s.open();
    await s.scan(session.sessionId);
    await s.scan(session.sessionId);
    const first = await s.saveScan(session.sessionId);
    expect(first.pages).toBe(2);

    session = await s.open();
    expect(session.stored).toEqual(first);
    await s.scan(session.sessionId);
    const appended = await s.saveScan(session.sessionId, 'append');
    expect(appended.pages).toBe(3);
    expect(pageCount(fileOf(s, appended))).toBe(3);

    session = await s.open();
    await s.scan(session.sessionId);
    const replaced = await s.saveScan(session.sessionId, 'replace');
    expect(replaced.pages).toBe(1);
    expect(s.db.prepare('SELECT dossier_file_id AS f FROM scanned_documents').all()).toEqual([{ f: replaced.fileId }]);
    expect(rows(s, 'dossier_files')).toBe(3);
    expect(pdfFiles(join(s.dir, 'scans'))).toHaveLength(3);
  });

  it('tests the scanner for the technician without storing anything', async () => {
    const s = await scanningStation();
    const session = await s.ok<ScanSessionView>('scan.open', { target: { kind: 'test' } });
    const view = await s.scan(session.sessionId, { profile: { source: 'flatbed', resolution: 100 } });
    expect(view.pages).toHaveLength(1);
    expect(view.job?.profile).toMatchObject({ source: 'flatbed', resolution: 100 });
    expect(errorOf(await s.saveScan(session.sessionId).catch((e: unknown) => e)).code).toBe('SCAN_NO_PAGES');
    expect(rows(s, 'dossier_files')).toBe(0);
  });

  it('stops when asked, keeping the pages already scanned', async () => {
    const s = await scanningStation({ deviceOptions: { 'test-picture': 'Grid', 'read-delay': 'yes', 'read-delay-duration': '30000' } });
    const session = await s.open();
    await s.ok('scan.start', { sessionId: session.sessionId });
    let view: ScanSessionView;
    do {
      await new Promise((r) => setTimeout(r, 20));
      view = await s.ok('scan.status', { sessionId: session.sessionId });
    } while (view.pages.length < 1);
    await s.ok('scan.cancel', { sessionId: session.sessionId });
    do {
      await new Promise((r) => setTimeout(r, 20));
      view = await s.ok('scan.status', { sessionId: session.sessionId });
    } while (view.job?.state === 'scanning');
    expect(view.job?.state).toBe('cancelled');
    expect(view.job?.error?.message).toMatch(/^Đã dừng quét; \d+ trang đã quét vẫn được giữ\.$/);
    expect(view.pages.length).toBeGreaterThan(0);
    expect(view.pages.length).toBeLessThan(10);
  });
});

describe('when things go wrong', () => {
  it('keeps the pages scanned before the scanner vanished, says so, and saves them', async () => {
    const s = await scanningStation();
    const view = await withFakeScanimage('vanish', async () => s.scan((await s.open()).sessionId));
    expect(view.job?.state).toBe('failed');
    expect(view.job?.error?.code).toBe('SCANNER_GONE');
    expect(view.job?.error?.message).toContain('3 trang đã quét vẫn được giữ');
    expect(view.pages).toHaveLength(3);
    expect((await s.saveScan(view.sessionId)).pages).toBe(3);
  });

  it('refuses a truncated page, keeping the pages before it', async () => {
    const s = await scanningStation();
    const view = await withFakeScanimage('truncated', async () => s.scan((await s.open()).sessionId));
    expect(view.job?.state).toBe('failed');
    expect(view.job?.error?.code).toBe('SCAN_BAD_IMAGE');
    expect(view.job?.error?.message).toMatch(/^Trang 2 nhận từ máy quét bị hỏng \(dữ liệu ảnh bị cắt cụt/);
    expect(view.pages).toHaveLength(1);
  });

  it('refuses pages that are PDFs', async () => {
    const s = await scanningStation();
    const view = await withFakeScanimage('pdf', async () => s.scan((await s.open()).sessionId));
    expect(view.job?.error?.code).toBe('SCAN_PDF_NOT_IMAGE');
    expect(view.job?.error?.message).toMatch(VIETNAMESE_TEXT);
    expect(view.pages).toHaveLength(0);
    expect(errorOf(await s.saveScan(view.sessionId).catch((e: unknown) => e)).code).toBe('SCAN_NO_PAGES');
  });

  it('turns device faults into messages that say what to do', async () => {
    const s = await scanningStation({ deviceOptions: { 'read-return-value': 'SANE_STATUS_JAMMED' } });
    const jam = await s.scan((await s.open()).sessionId);
    expect(jam.job?.error).toEqual({ code: 'SCANNER_JAMMED', message: expect.stringMatching(/^Kẹt giấy trong máy quét\. .*0 trang đã quét vẫn được giữ\.$/) });
    await s.configure({ deviceOptions: { 'read-return-value': 'SANE_STATUS_NO_DOCS' } });
    const empty = await s.scan((await s.open()).sessionId);
    expect(empty.job?.error?.code, JSON.stringify(empty.job)).toBe('SCANNER_FEEDER_EMPTY');
    await s.configure({ deviceId: null });
    expect(errorOf(await s.scan((await s.open()).sessionId).catch((e: unknown) => e)).code).toBe('SCANNER_NOT_CHOSEN');
    await s.configure({ deviceId: 'sane:nosuch' });
    const missing = errorOf(await s.scan((await s.open()).sessionId).catch((e: unknown) => e));
    expect(missing.code).toBe('SCANNER_NOT_FOUND');
    expect(missing.message).toContain('"nosuch"');
  });

  it('refuses a document that is not in the dossier, and a session that is gone', async () => {
    const s = await scanningStation();
    expect(errorOf(await s.open('NOPE').catch((e: unknown) => e))).toMatchObject({ code: 'SCAN_DOCUMENT_UNKNOWN', message: `Giấy tờ "NOPE" không có trong hồ sơ ${s.dossier.code}.` });
    expect((await s.refused('scan.status', { sessionId: 'nope' })).code).toBe('SCAN_SESSION_NOT_FOUND');
    expect((await s.refused('scan.open', { target: { kind: 'document', dossierCode: 'X-1', documentCode: 'TP1' } })).code).toBe('DOSSIER_NOT_FOUND');
  });

  it('saves nothing when the database refuses the link: no row, no upload entry, no file', async () => {
    const s = await scanningStation();
    const view = await s.scan((await s.open()).sessionId);
    s.db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON scanned_documents BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    expect((await s.refused('scan.save', { sessionId: view.sessionId })).code).toBe('INTERNAL');
    expect([rows(s, 'dossier_files'), rows(s, 'scanned_documents'), rows(s, "outbox WHERE kind = 'file.upload'")]).toEqual([0, 0, 0]);
    expect(pdfFiles(join(s.dir, 'scans'))).toEqual([]);
    // The pages are still there: once the fault is gone, saving works.
    s.db.exec('DROP TRIGGER refuse');
    expect((await s.saveScan(view.sessionId)).pages).toBe(10);
  });

  it('saves nothing when the PDF cannot be written, and says why', async () => {
    const s = await scanningStation();
    const view = await s.scan((await s.open()).sessionId);
    writeFileSync(join(s.dir, 'scans', '2026'), 'a file where the year folder should be');
    const refused = await s.refused('scan.save', { sessionId: view.sessionId });
    expect(refused.code).toBe('SCAN_STORE_FAILED');
    expect(refused.message).toContain('chưa có gì được lưu');
    expect(rows(s, 'dossier_files')).toBe(0);
    expect(statSync(join(s.dir, 'scans', '2026')).isFile()).toBe(true);
  });

  it('will not hand out a stored PDF that was changed on disk', async () => {
    const s = await scanningStation();
    const stored = await s.saveScan((await s.scan((await s.open()).sessionId)).sessionId);
    writeFileSync(fileOf(s, stored), Buffer.concat([readFileSync(fileOf(s, stored)), Buffer.from('%tampered')]));
    expect((await s.refused('scan.pdf', { dossierCode: s.dossier.code, documentCode: stored.documentCode })).code).toBe('SCAN_FILE_DAMAGED');
  });

  it('removes at start a PDF a crash left without its row, and keeps those the database knows', async () => {
    const s = await scanningStation();
    const stored = await s.saveScan((await s.scan((await s.open()).sessionId)).sessionId);
    const orphan = join(s.dir, 'scans', '2026', s.dossier.code, 'TP1-orphan.pdf');
    writeFileSync(orphan, '%PDF-1.7 half written');
    const past = new Date(Date.now() - 60_000);
    utimesSync(orphan, past, past);
    const kept = fileOf(s, stored);
    s.reopen();
    // The scanning feature loads shortly after the station opens (not during it), then sweeps.
    for (let i = 0; i < 100 && existsSync(orphan); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(kept)).toBe(true);
  });
});

describe('settings and network scanners', () => {
  it('keeps the default scanner and profile, and refuses settings that make no sense', async () => {
    const s = await scanningStation();
    const settings = await s.ok<ScannerSettings>('scanners.settings', {});
    expect(settings).toMatchObject({ deviceId: 'sane:test', profile: QUICK, dropBlankPages: true });
    expect((await s.refused('scanners.configure', { networkScanners: ['ftp://10.0.0.5/'] })).code).toBe('VALIDATION');
    expect((await s.refused('scanners.configure', { profile: { ...QUICK, resolution: 5 } })).code).toBe('VALIDATION');
    expect((await s.refused('scanners.configure', { deviceOptions: { '--evil': 'x' } })).code).toBe('VALIDATION');
    const caps = await s.ok<{ sources: Array<{ kind: string; pageSizes: string[] }> }>('scanners.capabilities', { deviceId: 'sane:test' });
    expect(caps.sources.map((x) => x.kind)).toEqual(['flatbed', 'feeder']);
  });

  it('scans from an eSCL scanner entered by address: duplex with blank backs dropped', async () => {
    sim = await startEsclSimulator({ sheets: 3 });
    const s = await scanningStation({ networkScanners: [sim.url], deviceId: `escl:${sim.url}`, profile: { ...QUICK, source: 'duplex', mode: 'color' } });
    const list = await s.ok<{ devices: Array<{ id: string; name: string }> }>('scanners.list', { refresh: true });
    expect(list.devices).toContainEqual(expect.objectContaining({ id: `escl:${sim.url}`, name: 'Trạm Sim eSCL 2000' }));
    const view = await s.scan((await s.open()).sessionId);
    expect(view.job).toMatchObject({ state: 'done', deviceName: 'Trạm Sim eSCL 2000' });
    expect(view.pages.map((p) => p.removed)).toEqual([null, 'blank', null, 'blank', null, 'blank']);
    expect(view.pages[0]!.mode).toBe('color');
    const stored = await s.saveScan(view.sessionId);
    expect(stored).toMatchObject({ pages: 3, colorMode: 'color', scanner: 'Trạm Sim eSCL 2000' });
  });

  it('tells a jam and an empty feeder on an eSCL scanner, keeping pages', async () => {
    sim = await startEsclSimulator({ sheets: 5, jamAfter: 2 });
    const s = await scanningStation({ networkScanners: [sim.url], deviceId: `escl:${sim.url}` });
    const jam = await s.scan((await s.open()).sessionId);
    expect(jam.job?.error?.code).toBe('SCANNER_JAMMED');
    expect(jam.job?.error?.message).toContain('2 trang đã quét vẫn được giữ');
    expect(jam.pages).toHaveLength(2);
    const empty = await startEsclSimulator({ sheets: 0 });
    try {
      await s.configure({ networkScanners: [empty.url], deviceId: `escl:${empty.url}` });
      const view = await s.scan((await s.open()).sessionId);
      expect(view.job?.error?.code, JSON.stringify(view.job)).toBe('SCANNER_FEEDER_EMPTY');
    } finally {
      await empty.close();
    }
  });

  it('refuses damaged JPEGs and PDFs from an eSCL scanner, storing nothing', async () => {
    for (const [deliver, code] of [['truncated', 'SCAN_BAD_IMAGE'], ['garbage', 'SCAN_BAD_IMAGE'], ['pdf', 'SCAN_PDF_NOT_IMAGE']] as const) {
      sim = await startEsclSimulator({ sheets: 3, deliver });
      const s = await scanningStation({ networkScanners: [sim.url], deviceId: `escl:${sim.url}` });
      const view = await s.scan((await s.open()).sessionId);
      expect(view.job?.error?.code).toBe(code);
      expect(view.pages).toHaveLength(0);
      expect(sim.jobs[0]!.deleted).toBe(true); // the job was cancelled on the scanner
      expect((await s.refused('scan.save', { sessionId: view.sessionId })).code).toBe('SCAN_NO_PAGES');
      expect(rows(s, 'dossier_files')).toBe(0);
      await sim.close();
      sim = undefined;
    }
  });

  it('refuses a network scanner with absurd capabilities, naming it', async () => {
    sim = await startEsclSimulator({ capabilitiesXml: '<scan:ScannerCapabilities xmlns:scan="x"><scan:Platen><scan:PlatenInputCaps><scan:MaxWidth>-1</scan:MaxWidth></scan:PlatenInputCaps></scan:Platen></scan:ScannerCapabilities>' });
    const s = await scanningStation({ networkScanners: [sim.url], deviceId: `escl:${sim.url}` });
    const refused = errorOf(await s.scan((await s.open()).sessionId).catch((e: unknown) => e));
    expect(refused.code).toBe('SCANNER_CAPABILITIES_INVALID');
    expect(refused.message).toMatch(VIETNAMESE_TEXT);
  });

  it('stops a running job when the station closes', async () => {
    const s = await scanningStation({ deviceOptions: { 'read-delay': 'yes', 'read-delay-duration': '50000' } });
    const session = await s.open();
    await s.ok('scan.start', { sessionId: session.sessionId });
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
