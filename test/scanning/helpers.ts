import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanProfile, ScanSessionView, ScannerSettings, StoredScan } from '../../main/contract/scanning-channels';
import type { DossierView } from '../../main/contract/schemas';
import type { ErrorPayload } from '../../main/core/errors';
import { openTestStation, type TestStation } from '../helpers/station';

// A station with a saved dossier and the SANE test device as its scanner, driven through the
// contract as the renderer drives it.

/** Low resolution, A5: a page takes milliseconds. */
export const QUICK: ScanProfile = { source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'A5' };
export const FAKE_SCANIMAGE = resolve('test/hardware/scanners/fake-scanimage.mjs');

export type ScanningStation = TestStation & {
  dossier: DossierView;
  ok: <T = unknown>(channel: string, payload: unknown) => Promise<T>;
  configure: (settings: Partial<ScannerSettings>) => Promise<ScannerSettings>;
  /** Opens a session on one document of the dossier (the first by default). */
  open: (documentCode?: string) => Promise<ScanSessionView>;
  /** Starts a job and polls until it ends; answers the last status (all thumbnails fetched). */
  scan: (sessionId: string, start?: Record<string, unknown>) => Promise<ScanSessionView & { thumbnailsSeen: number; answers: number; largestAnswer: number }>;
  saveScan: (sessionId: string, mode?: 'replace' | 'append') => Promise<StoredScan>;
};

export async function scanningStation(settings: Partial<ScannerSettings> = {}): Promise<ScanningStation> {
  const station = openTestStation();
  const ok = async <T,>(channel: string, payload: unknown): Promise<T> => {
    const answer = await station.call(channel, payload);
    if (!answer.ok) throw Object.assign(new Error(`${channel}: ${answer.error.code} ${answer.error.message}`), { payload: answer.error });
    return answer.value as T;
  };
  const dossier = await station.save(await station.validDraft());
  const configure = (s: Partial<ScannerSettings>) => ok<ScannerSettings>('scanners.configure', s);
  await configure({ deviceId: 'sane:test', profile: QUICK, deviceOptions: { 'test-picture': 'Grid' }, discoverNetwork: false, ...settings });
  const self: ScanningStation = {
    ...station,
    dossier,
    ok,
    configure,
    open: (documentCode = dossier.documents[0]!.code) => ok('scan.open', { target: { kind: 'document', dossierCode: dossier.code, documentCode } }),
    scan: async (sessionId, start = {}) => {
      let view = await ok<ScanSessionView>('scan.start', { sessionId, ...start });
      let since = 0;
      let thumbnailsSeen = 0;
      let answers = 0;
      let largestAnswer = 0;
      for (;;) {
        const answer = await station.call('scan.status', { sessionId, since });
        if (!answer.ok) throw new Error(JSON.stringify(answer.error));
        view = answer.value as ScanSessionView;
        answers++;
        largestAnswer = Math.max(largestAnswer, JSON.stringify(view).length);
        thumbnailsSeen += view.pages.filter((p) => p.thumbnail).length;
        const caughtUp = view.rev === since;
        since = view.rev;
        if (view.job?.state !== 'scanning' && caughtUp) break;
        await new Promise((r) => setTimeout(r, 15));
      }
      return { ...view, thumbnailsSeen, answers, largestAnswer };
    },
    saveScan: (sessionId, mode = 'replace') => ok('scan.save', { sessionId, mode }),
  };
  return self;
}

/** Runs `fn` with scanimage replaced by the stand-in in `mode` (duplex, vanish, truncated, pdf). */
export async function withFakeScanimage<T>(mode: string, fn: () => Promise<T>): Promise<T> {
  chmodSync(FAKE_SCANIMAGE, 0o755);
  process.env.STATION_SCANIMAGE = FAKE_SCANIMAGE;
  process.env.FAKE_SCANIMAGE = mode;
  try {
    return await fn();
  } finally {
    delete process.env.STATION_SCANIMAGE;
    delete process.env.FAKE_SCANIMAGE;
  }
}

export const errorOf = (e: unknown): ErrorPayload => (e as { payload: ErrorPayload }).payload;
