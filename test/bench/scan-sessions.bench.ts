// 8. Scan sessions that survive a crash: what writing each page durably costs a scan.
//
//   - per page: a 200 dpi A4 grey page (the synthetic text page of test/scanning/pages.ts, and
//     the test device's Grid picture) written the way a job writes it — encoded as a page file,
//     written 0600 through temp file, fsync, rename and folder fsync, its row committed — timed
//     alone, many times: the median is the extra time each page of a job now takes;
//   - a whole job: the paced and unpaced 10-page feeder jobs of section 7 (test/bench/scanning.ts),
//     whose sessions are now kept on disk, against bare scanimage: the paced ratio must stay ≤ 1.2;
//   - the crash harness (test/scanning/crash-scan-harness.ts) with BENCH_SCAN_CRASH_KILLS kills
//     (2,000 by default; 0 skips it).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DossierView } from '../../main/contract/schemas';
import { processPage, type ProcessedPage } from '../../main/scanning/page-compress';
import { encodePageFile } from '../../main/scanning/page-file';
import type { ScanSession, SessionPage } from '../../main/scanning/scan-sessions';
import { createSessionStore } from '../../main/scanning/session-store';
import { openStation } from '../../main/station';
import { requireDossierId } from '../../main/storage/dossier-store';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { decodePnm } from '../../main/scanning/raster';
import { scanCrashHarness, type ScanCrashReport } from '../scanning/crash-scan-harness';
import { scannedPage } from '../scanning/pages';
import { benchScanning } from './scanning';
import { ms, now, progress, summarize, type Summary } from './stats';
import { spawnSync } from 'node:child_process';

const CLOCK = new Date('2026-11-23T02:32:00Z');

export type ScanSessionsFigures = {
  durablePage: Record<'textPage' | 'gridPage', { fileBytes: number; encode: Summary; writeAndRecord: Summary }>;
  /** The median extra time per page of a job for keeping it on disk (write and record). */
  extraPerPageMedianMs: number;
  job: { pacedRatio: number; pacedOverheadPerPageMs: number; unpacedOverheadPerPageMs: number; pagesPerMinute: number; target: string; met: boolean };
  crash: (ScanCrashReport & { target: string; met: boolean }) | null;
};

/** A 200 dpi grey page (200×200 mm, the device's largest) of the test device's Grid picture, as scanimage delivers it. */
function gridPage(dir: string) {
  const file = join(dir, 'grid.pnm');
  const r = spawnSync('scanimage', ['-d', 'test', '--mode', 'Gray', '--resolution', '200', '--test-picture', 'Grid', '-x', '200', '-y', '200', '--format=pnm', '-o', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`scanimage: ${r.stderr.toString()}`);
  return file;
}

export async function benchScanSessions(options: { pages: number; jobRepeat: number; kills: number }): Promise<ScanSessionsFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-scan-sessions-'));
  const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir: join(dir, 'station'), host: 'web', version: 'bench', now: () => CLOCK });
  try {
    const ok = async <T,>(channel: string, payload: unknown): Promise<T> => {
      const answer = await station.dispatch(channel, payload);
      if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
      return answer.value as T;
    };
    const dossier = await ok<DossierView>('dossier.save', draftFor(await ok('catalogue.get', { code: BIRTH_REGISTRATION })));
    const store = createSessionStore({ db: station.db, scansDir: join(dir, 'station', 'scans'), now: () => CLOCK });

    const samples: Record<'textPage' | 'gridPage', ProcessedPage> = {
      textPage: await processPage(await scannedPage('text', 200), 'gray'),
      gridPage: await processPage(decodePnm(readFileSync(gridPage(dir)), 200, 1), 'gray'),
    };
    const durablePage = {} as ScanSessionsFigures['durablePage'];
    const allWrites: number[] = [];
    for (const [name, page] of Object.entries(samples) as Array<[keyof typeof samples, ProcessedPage]>) {
      progress(`8. scan sessions: ${options.pages} ${name} pages written durably…`);
      const session = { id: `bench-${name}-${Date.now()}`, title: 'bench', lastDevice: 'test' } as ScanSession;
      store.opened(session, requireDossierId(station.db, dossier.code), dossier.documents[0]!.code);
      const encode: number[] = [];
      const write: number[] = [];
      for (let i = 0; i < options.pages; i++) {
        let t = now();
        encodePageFile(page);
        encode.push(now() - t);
        const entry: SessionPage = { id: `p${i}`, page, rotation: 0, removed: null, rev: 0 };
        t = now();
        await store.persistence.pageAdded(session, entry, null);
        write.push(now() - t);
      }
      allWrites.push(...write);
      durablePage[name] = { fileBytes: encodePageFile(page).length, encode: summarize(encode), writeAndRecord: summarize(write) };
      store.persistence.closed(session.id);
    }

    const scanning = await benchScanning({ repeat: options.jobRepeat, unpacedRepeat: 3 });
    const job = {
      pacedRatio: scanning.paced.ratio, pacedOverheadPerPageMs: scanning.paced.overheadPerPageMs, unpacedOverheadPerPageMs: scanning.unpaced.overheadPerPageMs,
      pagesPerMinute: scanning.paced.pagesPerMinute, target: 'paced job, station (pages kept on disk) / bare scanimage <= 1.2', met: scanning.paced.ratio <= 1.2,
    };

    let crash: ScanSessionsFigures['crash'] = null;
    if (options.kills > 0) {
      progress(`8. scan sessions: crash harness, ${options.kills} kills…`);
      const report = await scanCrashHarness({ kills: options.kills, maxKillMs: 1200 });
      crash = { ...report, problems: report.problems.slice(0, 20), target: `${options.kills} kills, no problem`, met: report.problems.length === 0 };
    }
    return { durablePage, extraPerPageMedianMs: ms(summarize(allWrites).median), job, crash };
  } finally {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
