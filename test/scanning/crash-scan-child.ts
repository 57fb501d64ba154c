// The station as a separate process, for the scanning crash harness (crash-scan-harness.ts): it
// scans feeder jobs from SANE's test device into documents of a dossier, edits pages, saves
// ("Lưu vào hồ sơ"), and carries on the unfinished sessions it finds when it starts — until it
// is killed. It reports on stdout only what the officer was shown, once the answer came back:
//   SEEN <session> <page:rotation:removed,…>   the session's pages as on screen (a status, an edit, a resume)
//   EDIT <session> <op> <page> <arg>           an edit sent (its answer is the next SEEN)
//   SAVING <session>                           "Lưu vào hồ sơ" pressed
//   SAVED <session> <sha256> <pages>           the save answered
//   JOB <session>, JOBEND <session>            a feeder job started, and seen to its end
//   CLOSED <session>                           a resumed session with no page kept, discarded
// In "check" mode it only reads back every unfinished session (UNFINISHED, like SEEN), checks the
// files of the data folder (ORPHAN, BADPDF lines) and answers CHECKED.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanSessionView, StoredScan, UnfinishedScans } from '../../main/contract/scanning-channels';
import type { DossierView } from '../../main/contract/schemas';
import { openStation } from '../../main/station';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { saneTestConfig } from '../hardware/scanners/sane-rig';

const [dataDir, mode, runId, saneDir] = process.argv.slice(2) as [string, 'work' | 'check', string, string];
saneTestConfig(saneDir);

const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir, host: 'web', version: 'crash-scan-test' });
const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
  const a = await station.dispatch(channel, payload);
  if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
  return a.value as T;
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const tokens = (v: Pick<ScanSessionView, 'pages'>) => v.pages.map((p) => `${p.id}:${p.rotation}:${p.removed ?? '-'}`).join(',') || '-';

await call('scanners.configure', {
  deviceId: 'sane:test', profile: { source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'A5' }, deviceOptions: { 'test-picture': 'Grid' }, discoverNetwork: false,
});
const existing = station.db.prepare('SELECT code FROM dossiers ORDER BY id LIMIT 1').get() as { code: string } | undefined;
const dossier = existing
  ? await call<DossierView>('dossier.get', { code: existing.code })
  : await call<DossierView>('dossier.save', draftFor(await call('catalogue.get', { code: '1.001193' }), { owner: { fullName: 'Crash Scan' } }));
const documents = dossier.documents.map((d) => d.code);

if (mode === 'check') {
  const { PDFDocument } = await import('pdf-lib'); // only here: every start of a work run counts
  const offer = await call<UnfinishedScans>('scan.unfinished', { dossierCode: dossier.code }); // after the start's sweeps
  for (const s of offer.sessions) say(`UNFINISHED ${s.sessionId} ${tokens(await call<ScanSessionView>('scan.resume', { sessionId: s.sessionId }))}`);
  const knownPdfs = new Set((station.db.prepare("SELECT path FROM dossier_files WHERE kind = 'scan'").all() as Array<{ path: string }>).map((r) => r.path));
  const knownPages = new Set((station.db.prepare('SELECT file FROM scan_session_pages').all() as Array<{ file: string }>).map((r) => join(dataDir, 'scans', '.sessions', r.file)));
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(join(dataDir, 'scans'))) {
    if (file.endsWith('.pdf') && knownPdfs.has(file)) {
      try {
        const bytes = readFileSync(file);
        if (!bytes.subarray(-8).toString('latin1').includes('%%EOF')) throw new Error('no %%EOF');
        await PDFDocument.load(bytes);
      } catch (e) {
        say(`BADPDF ${file} ${String(e)}`);
      }
    } else if (!knownPages.has(file)) {
      say(`ORPHAN ${file} ${statSync(file).size}`);
    }
  }
  await station.close();
  say('CHECKED');
  process.exit(0);
}

say('READY');
const seen = new Map<string, string>();
const show = (v: ScanSessionView) => {
  const t = tokens(v);
  if (seen.get(v.sessionId) !== t) say(`SEEN ${v.sessionId} ${t}`);
  seen.set(v.sessionId, t);
};
let n = Number(runId) * 7;
const pick = <T,>(list: readonly T[]): T => list[n++ % list.length]!;

/** A feeder job to its end, the pages shown as they come. */
async function scanInto(sessionId: string) {
  show(await call<ScanSessionView>('scan.start', { sessionId }));
  say(`JOB ${sessionId}`);
  for (let since = 0; ;) {
    const v = await call<ScanSessionView>('scan.status', { sessionId, since });
    show(v);
    if (v.job?.state !== 'scanning' && v.rev === since) {
      say(`JOBEND ${sessionId}`);
      return v;
    }
    since = v.rev;
    await new Promise((r) => setTimeout(r, 3));
  }
}

async function edit(v: ScanSessionView): Promise<ScanSessionView> {
  const page = pick(v.pages).id;
  const op = pick(['rotate', 'move', 'remove', 'rotate'] as const);
  const arg = op === 'rotate' ? 1 : op === 'move' ? n % (v.pages.length + 1) : 0;
  say(`EDIT ${v.sessionId} ${op} ${page} ${arg}`);
  const after = await call<ScanSessionView>('scan.edit', {
    sessionId: v.sessionId, edit: op === 'rotate' ? { op, pageId: page, quarterTurns: 1 } : op === 'move' ? { op, pageId: page, to: arg } : { op, pageId: page },
  });
  show(after);
  return after;
}

async function save(v: ScanSessionView) {
  say(`SAVING ${v.sessionId}`);
  const stored = await call<StoredScan>('scan.save', { sessionId: v.sessionId, mode: 'replace' });
  seen.delete(v.sessionId);
  say(`SAVED ${v.sessionId} ${stored.sha256} ${stored.pages}`);
}

// First what the last run left: offered, carried on, saved.
const offer = await call<UnfinishedScans>('scan.unfinished', { dossierCode: dossier.code });
for (const s of offer.sessions) {
  const v = await call<ScanSessionView>('scan.resume', { sessionId: s.sessionId });
  say(`RESUMED ${v.sessionId} ${tokens(v)}`);
  seen.set(v.sessionId, tokens(v));
  const more = v.pages.filter((p) => !p.removed).length < 12 ? await scanInto(v.sessionId) : v;
  if (more.pages.some((p) => !p.removed)) await save(more);
  else {
    await call('scan.close', { sessionId: v.sessionId });
    say(`CLOSED ${v.sessionId}`);
  }
}
for (;;) {
  let v = await call<ScanSessionView>('scan.open', { target: { kind: 'document', dossierCode: dossier.code, documentCode: pick(documents) } });
  v = await scanInto(v.sessionId);
  for (let i = n % 3; i > 0 && v.pages.length > 0; i--) v = await edit(v);
  if (v.pages.some((p) => !p.removed)) await save(v);
}
