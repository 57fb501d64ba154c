import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import type { ChannelOutput } from '../../main/contract/channels';
import type { ScanSessionView, StoredScan } from '../../main/contract/scanning-channels';
import { fingerprintOf } from '../../main/signing/certificate';
import { SIGNED_FOLDER, SIGNED_SCAN_KIND } from '../../main/signing/signing-feature';
import { FIXED_NOW, VIETNAMESE_TEXT } from '../helpers/station';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { OFFICER_PIN, softHsmRig, type Identity } from '../hardware/tokens/softhsm-rig';
import { QUICK, scanningStation, type ScanningStation } from '../scanning/helpers';
import { pdfsig } from './pdfsig';

// Signing a scanned document through the contract, as the renderer does it: the document is
// scanned from SANE's test device and stored by the real scanning channels, then signed with a
// SoftHSM token. The signed PDF becomes the document's scan and is queued for the portal; the
// station's verifier and poppler's pdfsig both check it; a changed stored scan, a wrong PIN and
// a rescan during signing leave nothing behind.

type Status = ChannelOutput<'signing.status'>;
type SignedScan = ChannelOutput<'signing.signScan'>;
type Report = ChannelOutput<'signing.verify'>;

const rig = softHsmRig({ now: FIXED_NOW }); // the test stations' clock
let an: Identity;
let binh: Identity;
let saneDir: string;
let restoreSane: () => void;

beforeAll(() => {
  saneDir = mkdtempSync(join(tmpdir(), 'sign-scan-sane-'));
  restoreSane = saneTestConfig(saneDir);
  rig.createToken('Token An');
  an = rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/CN=Nguyễn Văn An/UID=CCCD:001090012345' });
  rig.load('Token An', an);
  rig.createToken('Token Bình');
  binh = rig.ca.issue({ subject: '/C=VN/O=UBND xã Tiên Du/CN=Trần Thị Bình/UID=CCCD:027190001234', ec: true });
  rig.load('Token Bình', binh);
});
afterAll(() => {
  restoreSane();
  rmSync(saneDir, { recursive: true, force: true });
  rig.remove();
});

type Setup = { s: ScanningStation; status: Status; code: string; documentCode: string };

/** A station that signs (the test CA trusted), with a saved dossier whose first document is not scanned yet. */
async function signingStation(signing: Record<string, unknown> = {}): Promise<Setup> {
  const s = await scanningStation({ profile: { ...QUICK, source: 'flatbed' } });
  const status = await s.ok<Status>('signing.settings', { enabled: true, addTrustedRoot: rig.ca.certPem, ...signing });
  return { s, status, code: s.dossier.code, documentCode: s.dossier.documents[0]!.code };
}

/** Scans `pages` flatbed pages into the document and stores them through the scanning channels. */
async function storeScan({ s, documentCode }: Setup, pages = 2, rotateLast?: 1 | -1): Promise<StoredScan> {
  const session = await s.open(documentCode);
  let view: ScanSessionView = session;
  for (let i = 0; i < pages; i++) view = await s.scan(session.sessionId);
  if (rotateLast) await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'rotate', pageId: view.pages[view.pages.length - 1]!.id, quarterTurns: rotateLast } });
  return s.saveScan(session.sessionId);
}

const tokenOf = (status: Status, label: string) => status.tokens.find((t) => t.label === label)!;
const request = (setup: Setup, label: string, identity: Identity, pin = OFFICER_PIN) =>
  ({ code: setup.code, documentCode: setup.documentCode, tokenRef: tokenOf(setup.status, label).ref, certificate: fingerprintOf(identity.certDer), pin });

const pathOf = (s: ScanningStation, fileId: number) => (s.db.prepare('SELECT path FROM dossier_files WHERE id = ?').get(fileId) as { path: string }).path;
const currentFileId = (setup: Setup) =>
  (setup.s.db.prepare('SELECT s.dossier_file_id AS f FROM scanned_documents s JOIN dossiers d ON d.id = s.dossier_id WHERE d.code = ? AND s.document_code = ?').get(setup.code, setup.documentCode) as { f: number }).f;
const uploads = (s: ScanningStation) => (s.db.prepare("SELECT dossier_file_id AS f FROM outbox WHERE kind = 'file.upload' ORDER BY id").all() as Array<{ f: number }>).map((r) => r.f);
const signedOnDisk = (s: ScanningStation) => {
  const dir = join(s.dir, SIGNED_FOLDER);
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf') || f.endsWith('.tmp')) : [];
};
/** Everything signing a scan may write: a refused signature must leave all of it as it was. */
const written = (setup: Setup) => ({
  files: (setup.s.db.prepare('SELECT count(*) AS n FROM dossier_files').get() as { n: number }).n,
  outbox: uploads(setup.s),
  current: currentFileId(setup),
  onDisk: signedOnDisk(setup.s),
});

function tool(name: string, args: (file: string, dir: string) => string[], pdf: Uint8Array): { out: string; dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sign-scan-tool-'));
  const file = join(dir, 'f.pdf');
  writeFileSync(file, pdf);
  const out = execFileSync(name, args(file, dir), { encoding: 'latin1' });
  return { out, dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}
const pageCount = (pdf: Uint8Array) => {
  const t = tool('pdfinfo', (f) => [f], pdf);
  t.done();
  return Number(/Pages:\s+(\d+)/.exec(t.out)?.[1]);
};
const pageText = (pdf: Uint8Array, page: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'sign-scan-text-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Where the stamp's red ink is on a page as poppler shows it (rotation applied), in fractions of
 * the page, and how much of it is in the left half of the stamp: its lines are set flush left, so
 * an upright stamp has most of its ink there (one upside down, in the right half).
 */
function stampInk(pdf: Uint8Array, page: number): { left: number; right: number; top: number; bottom: number; leftShare: number } {
  const t = tool('pdftoppm', (f, d) => ['-f', String(page), '-l', String(page), '-r', '72', '-singlefile', f, join(d, 'p')], pdf);
  try {
    const ppm = readFileSync(join(t.dir, 'p.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const start = header[0].length;
    const red = (x: number, y: number) => {
      const i = start + 3 * (y * width + x);
      return ppm[i]! > 150 && ppm[i + 1]! < 120 && ppm[i + 2]! < 110;
    };
    let [left, right, top, bottom] = [width, -1, height, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (red(x, y)) {
          left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
        }
      }
    }
    expect(right).toBeGreaterThan(0); // there is a stamp at all
    // Inside the border (a few pixels in), the ink of the left half against all of it.
    let [inLeft, all] = [0, 0];
    const middle = (left + right) / 2;
    for (let y = top + 4; y <= bottom - 4; y++) {
      for (let x = left + 4; x <= right - 4; x++) {
        if (!red(x, y)) continue;
        all++;
        if (x < middle) inLeft++;
      }
    }
    return { left: left / width, right: (right + 1) / width, top: top / height, bottom: (bottom + 1) / height, leftShare: inLeft / all };
  } finally {
    t.done();
  }
}

/** The widgets' rectangles on a page (the stamps of the signatures). */
async function widgetRects(pdf: Uint8Array, page: number): Promise<number[][]> {
  const doc = await PDFDocument.load(pdf);
  const annots = doc.getPage(page).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  return (annots?.asArray() ?? []).map((_, i) => annots!.lookup(i, PDFDict))
    .filter((a) => a.get(PDFName.of('Subtype')) === PDFName.of('Widget'))
    .map((a) => a.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber()));
}

describe('signing a scanned document', () => {
  it('signs the stored scan: valid for the station and for pdfsig, the scan of the document now, queued for the portal', async () => {
    const setup = await signingStation();
    const { s, code, documentCode } = setup;
    const stored = await storeScan(setup, 3);
    const original = readFileSync(pathOf(s, stored.fileId));

    const answer = await s.call('signing.signScan', request(setup, 'Token An', an));
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    const signed = answer.value as SignedScan;
    expect(JSON.stringify(signed).length).toBeLessThan(8_000); // no PDF in the answer
    expect(signed.verification).toMatchObject({ overall: 'valid', summary: 'Hợp lệ' });
    expect(signed.verification.signatures).toEqual([expect.objectContaining({
      status: 'valid', signerName: 'Nguyễn Văn An', organisation: 'UBND xã Tiên Du', coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached',
    })]);
    expect(signed).toMatchObject({ documentCode, file: { dossierCode: code, kind: SIGNED_SCAN_KIND, uploaded: false, signedAt: '2026-11-23T09:32:00+07:00' } });
    expect(signed.file.fileName).toMatch(/-ky-so\.pdf$/);

    // Stored durably in the data folder, recorded with its SHA-256.
    const path = pathOf(s, signed.file.id);
    expect(path.startsWith(join(s.dir, SIGNED_FOLDER))).toBe(true);
    const bytes = readFileSync(path);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(signed.file.sha256);
    expect(bytes.length).toBe(signed.file.bytes);
    // An incremental update of the scan: its bytes kept, its pages too, the stamp on the last one.
    expect(bytes.subarray(0, original.length).equals(original)).toBe(true);
    expect(pageCount(bytes)).toBe(3);
    expect(pageText(bytes, 3)).toContain('Ký bởi: Nguyễn Văn An');
    expect(pageText(bytes, 1)).not.toContain('Ký bởi');
    const ink = stampInk(bytes, 3); // bottom right, inside the margins
    expect(ink.right).toBeGreaterThan(0.85);
    expect(ink.right).toBeLessThan(0.97);
    expect(ink.left).toBeGreaterThan(0.4);
    expect(ink.top).toBeGreaterThan(0.75);
    expect(ink.bottom).toBeGreaterThan(0.85);
    expect(ink.leftShare).toBeGreaterThan(0.6); // upright

    // Poppler agrees: read its text, not its exit code.
    const [poppler, ...more] = pdfsig(bytes);
    expect(more).toHaveLength(0);
    expect(poppler).toMatchObject({ valid: true, wholeDocument: true, commonName: 'Nguyễn Văn An', subFilter: 'ETSI.CAdES.detached' });
    // And the station's verifier on the stored file.
    expect(await s.ok<Report>('signing.verify', { id: signed.file.id })).toMatchObject({ overall: 'valid', summary: 'Hợp lệ' });

    // The signed file is the document's scan now; the unsigned one stays queued as it was.
    expect(currentFileId(setup)).toBe(signed.file.id);
    expect(uploads(s)).toEqual([stored.fileId, signed.file.id]);
    expect(s.db.prepare('SELECT kind, document_code AS d FROM dossier_files WHERE id = ?').get(signed.file.id)).toEqual({ kind: SIGNED_SCAN_KIND, d: documentCode });
    expect(existsSync(pathOf(s, stored.fileId))).toBe(true);
    const [scan] = await s.ok<StoredScan[]>('scan.documents', { dossierCode: code });
    expect(scan).toMatchObject({ fileId: signed.file.id, sha256: signed.file.sha256, bytes: signed.file.bytes, pages: 3, scannedAt: stored.scannedAt });
    const pdf = await s.ok<{ base64: string }>('scan.pdf', { dossierCode: code, documentCode });
    expect(Buffer.from(pdf.base64, 'base64').equals(bytes)).toBe(true);
    expect(await s.ok('signing.signedScans', { code })).toEqual([{ documentCode, file: signed.file }]);
    // The slips' list is not mixed up with scans.
    expect(await s.ok('signing.files', { code })).toEqual([]);
  });

  it('takes a countersignature from a second token (ECDSA): both valid, the second stamp clear of the first', async () => {
    const setup = await signingStation();
    const stored = await storeScan(setup, 1);
    const first = await setup.s.ok<SignedScan>('signing.signScan', request(setup, 'Token An', an));
    const second = await setup.s.ok<SignedScan>('signing.signScan', request(setup, 'Token Bình', binh));
    expect(second.verification.overall).toBe('valid');
    expect(second.verification.signatures.map((x) => [x.signerName, x.status])).toEqual([['Nguyễn Văn An', 'valid'], ['Trần Thị Bình', 'valid']]);
    const bytes = readFileSync(pathOf(setup.s, second.file.id));
    expect(bytes.subarray(0, first.file.bytes).equals(readFileSync(pathOf(setup.s, first.file.id)))).toBe(true);
    expect(pdfsig(bytes).map((x) => [x.commonName, x.valid])).toEqual([['Nguyễn Văn An', true], ['Trần Thị Bình', true]]);
    expect(pageCount(bytes)).toBe(1);
    // An A5 page has no room for two stamps side by side: the second goes just above the first.
    const [a, b] = (await widgetRects(bytes, 0)) as [number[], number[]];
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBeGreaterThanOrEqual(a[3]!);
    expect(b[1]! - a[3]!).toBeLessThan(10);
    expect(currentFileId(setup)).toBe(second.file.id);
    expect(uploads(setup.s)).toEqual([stored.fileId, first.file.id, second.file.id]);
    expect(await setup.s.ok('signing.signedScans', { code: setup.code })).toEqual([{ documentCode: setup.documentCode, file: second.file }]);
  });

  it('stamps a last page the officer turned a quarter upright, in the bottom right corner as the page is shown', async () => {
    const setup = await signingStation();
    await storeScan(setup, 2, 1);
    const signed = await setup.s.ok<SignedScan>('signing.signScan', request(setup, 'Token An', an));
    const bytes = readFileSync(pathOf(setup.s, signed.file.id));
    expect(pdfsig(bytes)[0]).toMatchObject({ valid: true, wholeDocument: true });
    const ink = stampInk(bytes, 2);
    expect(ink.right).toBeGreaterThan(0.85);
    expect(ink.left).toBeGreaterThan(0.5);
    expect(ink.top).toBeGreaterThan(0.6);
    expect(ink.bottom).toBeGreaterThan(0.85);
    // Upright: as wide as the stamp is (190 × 52 pt), not standing on its side.
    const seen = tool('pdfinfo', (f) => ['-f', '2', '-l', '2', f], bytes);
    seen.done();
    const [, w, h, rot] = /Page\s+2 size:\s+([\d.]+) x ([\d.]+)[\s\S]*Page\s+2 rot:\s+(\d+)/.exec(seen.out)!.map(Number) as [number, number, number, number];
    expect(rot).toBe(90);
    const [shownWidth, shownHeight] = [h, w];
    expect(((ink.right - ink.left) * shownWidth) / ((ink.bottom - ink.top) * shownHeight)).toBeGreaterThan(2.5);
    expect(ink.leftShare).toBeGreaterThan(0.6); // not upside down
    // Text drawn on its side comes out of pdftotext letter by letter, without the spaces.
    expect(pageText(bytes, 2)).toContain('Ký bởi: Nguyễn Văn An');
  });
});

describe('a signed scan rebuilt into a new PDF', () => {
  it('is not taken for unsigned: the stamp copied with the pages carries a signature that no longer holds', async () => {
    const setup = await signingStation();
    await storeScan(setup, 1);
    const signed = await setup.s.ok<SignedScan>('signing.signScan', request(setup, 'Token An', an));
    // What appending pages to a scan does: its pages copied into a new document.
    const source = await PDFDocument.load(readFileSync(pathOf(setup.s, signed.file.id)));
    const rebuilt = await PDFDocument.create();
    for (const page of await rebuilt.copyPages(source, source.getPageIndices())) rebuilt.addPage(page);
    const bytes = await rebuilt.save({ useObjectStreams: true });
    const report = await setup.s.ok<Report>('signing.verify', { fileName: 'ghep.pdf', base64: Buffer.from(bytes).toString('base64') });
    expect(report.overall).toBe('invalid');
    expect(report.summary).toMatch(/^Không hợp lệ: /);
    expect(report.signatures).toHaveLength(1);
    expect(pdfsig(bytes).map((x) => x.valid)).toEqual([false]);
  });
});

describe('pages appended to a signed scan', () => {
  it('make a new, unsigned file without the old stamp, which the station reports as unsigned', async () => {
    const setup = await signingStation();
    await storeScan(setup, 1);
    await setup.s.ok<SignedScan>('signing.signScan', request(setup, 'Token An', an));
    const session = await setup.s.open(setup.documentCode);
    await setup.s.scan(session.sessionId);
    const appended = await setup.s.saveScan(session.sessionId, 'append');
    expect(appended.pages).toBe(2);
    const bytes = readFileSync(pathOf(setup.s, appended.fileId));
    const report = await setup.s.ok<Report>('signing.verify', { fileName: 'them-trang.pdf', base64: bytes.toString('base64') });
    expect(report.signatures).toHaveLength(0);
    expect(pdfsig(bytes)).toEqual([]);
    expect(pageText(bytes, 1)).not.toContain('Ký bởi');
  });
});

describe('refusals leave nothing behind', () => {
  it('refuses while signing is off, and a document not scanned yet', async () => {
    const setup = await signingStation({ enabled: false });
    await storeScan(setup, 1);
    const before = written(setup);
    expect((await setup.s.refused('signing.signScan', request(setup, 'Token An', an))).code).toBe('SIGNING_DISABLED');
    await setup.s.ok('signing.settings', { enabled: true });
    const other = setup.s.dossier.documents[1]!;
    const notScanned = await setup.s.refused('signing.signScan', { ...request(setup, 'Token An', an), documentCode: other.code });
    expect(notScanned).toMatchObject({ code: 'SCAN_SIGN_NOT_SCANNED' });
    expect(notScanned.message).toContain(other.name);
    expect((await setup.s.refused('signing.signScan', { ...request(setup, 'Token An', an), documentCode: 'KHONG-CO' })).code).toBe('SCAN_DOCUMENT_UNKNOWN');
    expect(written(setup)).toEqual(before);
  });

  it('refuses a stored scan changed on disk since it was scanned, in Vietnamese', async () => {
    const setup = await signingStation();
    const stored = await storeScan(setup, 1);
    const file = pathOf(setup.s, stored.fileId);
    const bytes = readFileSync(file);
    bytes[bytes.length - 200] = bytes[bytes.length - 200]! ^ 0x01; // one bit, the size unchanged
    writeFileSync(file, bytes);
    const before = written(setup);
    const refused = await setup.s.refused('signing.signScan', request(setup, 'Token An', an));
    expect(refused.code).toBe('SCAN_SIGN_FILE_CHANGED');
    expect(refused.message).toMatch(VIETNAMESE_TEXT);
    expect(refused.message).toContain('SHA-256');
    expect(refused.message).toContain(setup.s.dossier.documents[0]!.name);
    expect(written(setup)).toEqual(before);
    rmSync(file); // a missing file likewise
    expect((await setup.s.refused('signing.signScan', request(setup, 'Token An', an))).code).toBe('SCAN_SIGN_FILE_CHANGED');
    expect(written(setup)).toEqual(before);
  });

  it('a wrong PIN writes nothing and never echoes the PIN', async () => {
    const setup = await signingStation();
    await storeScan(setup, 1);
    const before = written(setup);
    const refused = await setup.s.refused('signing.signScan', request(setup, 'Token An', an, '97531864'));
    expect(refused).toMatchObject({ code: 'PIN_INCORRECT', field: 'pin', message: 'Mã PIN không đúng. Hãy nhập lại cẩn thận.' });
    expect(JSON.stringify(refused)).not.toContain('97531864');
    expect(written(setup)).toEqual(before);
    expect(before.onDisk).toEqual([]);
  });

  it('a rescan saved while the token signs wins: the signature is dropped, file and all', async () => {
    const setup = await signingStation({ modulePaths: [rig.pinLimitModule(10)], disabledModules: ['softhsm'] });
    await storeScan(setup, 1);
    const rescan = await setup.s.open(setup.documentCode);
    await setup.s.scan(rescan.sessionId);
    process.env.PIN_SHIM_LOGIN_DELAY_MS = '400';
    try {
      const pending = setup.s.call('signing.signScan', request(setup, 'Token An', an));
      await new Promise((r) => setTimeout(r, 150));
      const replaced = await setup.s.saveScan(rescan.sessionId);
      const answer = await pending;
      expect(answer.ok ? answer.value : answer.error).toMatchObject({ code: 'SCAN_SIGN_SUPERSEDED' });
      expect(currentFileId(setup)).toBe(replaced.fileId);
      expect(signedOnDisk(setup.s)).toEqual([]);
      expect((setup.s.db.prepare('SELECT count(*) AS n FROM dossier_files WHERE kind = ?').get(SIGNED_SCAN_KIND) as { n: number }).n).toBe(0);
    } finally {
      delete process.env.PIN_SHIM_LOGIN_DELAY_MS;
    }
  });
});
