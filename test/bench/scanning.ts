// 7. Scanning: a 10-page feeder job at 200 dpi grey from SANE's test device to the stored PDF.
//
// The same job is run two ways, interleaved so both see the same machine:
//   - bare: `scanimage` alone with the arguments the station's driver builds (saneScanArgs),
//     writing the ten PNM pages to a folder;
//   - station: `scan.start` through the contract dispatcher, polling `scan.status` every 20 ms as
//     the renderer does, then `scan.save` — pages decoded and compressed while the feeder runs,
//     the PDF built, written durably, hashed and attached in one transaction.
// Twice: with the test device paced like a 60 pages-per-minute office feeder (its read-delay
// option: one page about a second), which is what the target is about — the station keeping
// up with the scanner — and unpaced (the test device hands a page over in a few milliseconds,
// faster than any scanner), which shows the station's own cost per page.
// Bytes per page: the pages of the job (the test device's Grid picture, a chequerboard), and a
// synthetic A4 text page (test/scanning/pages.ts) at 200 dpi in grey and in black and white.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanSessionView, StoredScan } from '../../main/contract/scanning-channels';
import { openStation } from '../../main/station';
import { processPage } from '../../main/scanning/page-compress';
import { buildScanPdf } from '../../main/scanning/scan-pdf';
import { parseSaneOptions, saneScanArgs } from '../../hardware/scanners/sane';
import type { ScanSettings } from '../../hardware/scanners/scanner';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { scannedPage } from '../scanning/pages';
import { median, ms, now, progress, summarize, type Summary } from './stats';
import { TEST_OFFICER } from '../helpers/station';

const CLOCK = new Date('2026-11-23T02:32:00Z');
const SETTINGS: ScanSettings = { source: 'feeder', mode: 'gray', resolution: 200, pageSize: 'A4' };
/** The test device's read delay, set so that a 200 dpi grey page of 200×200 mm (2.48 MB) takes about a second (measured: see pagesPerMinute). */
const PACED = { 'read-limit': 'yes', 'read-limit-size': '65536', 'read-delay': 'yes', 'read-delay-duration': '90000' };

export type ScanRunFigures = { bareScanimage: Summary; station: Summary; ratio: number; overheadPerPageMs: number };

export type ScanningFigures = {
  job: string;
  paced: ScanRunFigures & { pagesPerMinute: number; target: string; met: boolean };
  unpaced: ScanRunFigures;
  pdf: { pages: number; bytes: number; bytesPerPage: number };
  textPage: { grayBytes: number; lineartBytes: number; target: string; met: boolean };
};

export async function benchScanning(options: { repeat: number; unpacedRepeat: number }): Promise<ScanningFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-scan-'));
  const restore = saneTestConfig(dir);
  const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir: join(dir, 'station'), host: 'web', version: 'bench', now: () => CLOCK });
  try {
    const dispatch = station.dispatch;
    const ok = async <T,>(channel: string, payload: unknown): Promise<T> => {
      const answer = await dispatch(channel, payload);
      if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
      return answer.value as T;
    };
    const procedure = await ok<Parameters<typeof draftFor>[0]>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await ok<{ code: string; documents: Array<{ code: string }> }>('dossier.save', draftFor(procedure));
    const saneOptions = parseSaneOptions(spawnSync('scanimage', ['-A', '-d', 'test'], { encoding: 'utf8' }).stdout);

    const bare = (extra: Record<string, string>) => {
      const out = join(dir, `bare-${Math.random().toString(36).slice(2)}`);
      mkdirSync(out);
      const args = saneScanArgs('test', saneOptions, { ...SETTINGS, options: { 'test-picture': 'Grid', ...extra } }, join(out, 'p%04d.pnm'));
      const t = now();
      const r = spawnSync('scanimage', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const elapsed = now() - t;
      if (r.status !== 0) throw new Error(`scanimage: ${r.stderr.toString()}`);
      rmSync(out, { recursive: true, force: true });
      return elapsed;
    };

    let last: StoredScan | undefined;
    const viaStation = async (extra: Record<string, string>) => {
      await ok('scanners.configure', { deviceId: 'sane:test', profile: SETTINGS, deviceOptions: { 'test-picture': 'Grid', ...extra }, discoverNetwork: false });
      const session = await ok<ScanSessionView>('scan.open', { target: { kind: 'document', dossierCode: dossier.code, documentCode: dossier.documents[0]!.code } });
      const t = now();
      await ok('scan.start', { sessionId: session.sessionId });
      let view: ScanSessionView;
      let since = 0;
      do {
        await new Promise((r) => setTimeout(r, 20));
        view = await ok<ScanSessionView>('scan.status', { sessionId: session.sessionId, since }); // thumbnails included, as the renderer asks
        since = view.rev;
      } while (view.job?.state === 'scanning');
      if (view.job?.state !== 'done' || view.pages.length !== 10) throw new Error(`scan ended ${JSON.stringify(view.job)} with ${view.pages.length} pages`);
      last = await ok<StoredScan>('scan.save', { sessionId: session.sessionId });
      return now() - t;
    };

    const run = async (extra: Record<string, string>, repeat: number): Promise<ScanRunFigures> => {
      const bareMs: number[] = [];
      const stationMs: number[] = [];
      for (let i = 0; i < repeat; i++) {
        bareMs.push(bare(extra));
        stationMs.push(await viaStation(extra));
      }
      const ratio = median(stationMs) / median(bareMs);
      return { bareScanimage: summarize(bareMs), station: summarize(stationMs), ratio: Math.round(ratio * 1000) / 1000, overheadPerPageMs: ms((median(stationMs) - median(bareMs)) / 10) };
    };

    progress('7. scanning: warm-up job…');
    await viaStation({});
    progress(`7. scanning: unpaced test device, ${options.unpacedRepeat} × (scanimage alone, station)…`);
    const unpaced = await run({}, options.unpacedRepeat);
    progress(`7. scanning: test device paced at about 60 pages a minute, ${options.repeat} × (scanimage alone, station)…`);
    const paced = await run(PACED, options.repeat);
    const pdf = { pages: last!.pages, bytes: last!.bytes, bytesPerPage: Math.round(last!.bytes / last!.pages) };

    progress('7. scanning: a text page at 200 dpi…');
    const text = await scannedPage('text', 200);
    const info = { title: 't', subject: 's', author: 'a', createdAt: CLOCK };
    const pdfBytes = async (mode: 'gray' | 'lineart') => {
      const p = await processPage(text, mode);
      return (await buildScanPdf([{ parts: p.parts, dpi: 200, rotation: 0 }], info)).pdf.length;
    };
    const grayBytes = await pdfBytes('gray');
    const lineartBytes = await pdfBytes('lineart');

    const pagesPerMinute = Math.round(600_000 / paced.bareScanimage.median);
    return {
      job: "10 pages from SANE's test device feeder, 200 dpi grey, Grid picture, 200×200 mm (the device's largest area)",
      paced: { ...paced, pagesPerMinute, target: 'station / bare scanimage <= 1.2', met: paced.ratio <= 1.2 },
      unpaced,
      pdf,
      textPage: { grayBytes, lineartBytes, target: 'A4 text page, 200 dpi grey <= 80 KB; black and white smaller', met: grayBytes <= 80_000 && lineartBytes < grayBytes },
    };
  } finally {
    await station.close();
    restore();
    rmSync(dir, { recursive: true, force: true });
  }
}
