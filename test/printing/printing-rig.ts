import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { cupsPrinter } from '../../hardware/printers/cups';
import type { SpooledJob } from '../../hardware/printers/printer';
import type { PrintJobView } from '../../main/contract/print-channels';
import type { DossierView } from '../../main/contract/schemas';
import { openStation, type Station } from '../../main/station';
import { printJobById } from '../../main/storage/print-jobs-store';
import { handoffNameOf } from '../../main/printing/print-queue';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { FIXED_NOW, TEST_OFFICER, tempDir } from '../helpers/station';
import { startCupsRig, until, type CupsRig } from '../hardware/printers/cups-rig';

// A station printing through a private CUPS scheduler with a cups-pdf queue: what an officer's
// print does end to end, down to the PDF the "printer" wrote.

export type PrintingStation = Readonly<{
  station: Station;
  rig: CupsRig;
  dir: string;
  /** Through the contract; fails the test on a refusal. */
  call: <T>(channel: string, payload: unknown) => Promise<T>;
  refused: (channel: string, payload: unknown) => Promise<{ code: string; message: string }>;
  /** Saves a dossier (birth registration) and answers it. */
  dossier: (fullName?: string) => Promise<DossierView>;
  jobs: () => Promise<PrintJobView[]>;
  /** Waits until the job with `id` satisfies `ok` (the worker and CUPS run in their own time). */
  jobUntil: (id: number, ok: (j: PrintJobView) => boolean, what: string) => Promise<PrintJobView>;
  /** The spooler's jobs for one print-queue job (its attempts), found by the key in their names. */
  spooledFor: (job: PrintJobView) => Promise<SpooledJob[]>;
  /** The slip's PDF as the station renders it, written to the rig's folder. */
  slipFile: (code: string) => Promise<string>;
  /** Closes the station (as a crash would leave the database) and opens it again on the same folder. */
  reopen: () => Promise<PrintingStation>;
}>;

export async function printingRig(existing?: Readonly<{ rig: CupsRig; dir: string }>): Promise<PrintingStation> {
  const rig = existing?.rig ?? (await startCupsRig());
  if (!existing) onTestFinished(() => rig.stop());
  const dir = existing?.dir ?? tempDir();
  const printer = cupsPrinter({ env: rig.env });
  // The clock is fixed: a refused hand-off is due again at once (retryMs 0), the spooler asked every 50 ms.
  const station = openStation({
    dataDir: dir, host: 'web', version: 'test', now: () => FIXED_NOW, callsWithoutSession: TEST_OFFICER,
    printer, printing: { pollMs: 50, retryMs: 0 },
  });
  onTestFinished(() => station.close());
  const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
    const answer = await station.dispatch(channel, payload);
    if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  };
  const jobs = async () => (await call<{ jobs: PrintJobView[] }>('print.jobs', {})).jobs;
  const self: PrintingStation = {
    station, rig, dir, call,
    refused: async (channel, payload) => {
      const answer = await station.dispatch(channel, payload);
      if (answer.ok) throw new Error(`${channel} was expected to refuse`);
      return answer.error;
    },
    dossier: async (fullName = 'Nguyễn Văn An') => call<DossierView>('dossier.save', draftFor(await station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION }), { owner: { fullName } })),
    jobs,
    jobUntil: (id, ok, what) => until(async () => (await jobs()).find((j) => j.id === id && ok(j)), what),
    spooledFor: async (job) => {
      const record = printJobById(station.db, job.id)!;
      const found: SpooledJob[] = [];
      for (let attempt = 1; attempt <= record.attempts + 1; attempt++) {
        const s = await printer.spooler!.findByName(handoffNameOf(record, attempt), 500);
        if (s) found.push(s);
      }
      return found;
    },
    slipFile: async (code) => {
      const { base64 } = await call<{ base64: string }>('slip.pdf', { code });
      const file = join(rig.dir, `slip-${code.replace(/\W+/g, '_')}.pdf`);
      writeFileSync(file, Buffer.from(base64, 'base64'));
      return file;
    },
    reopen: async () => {
      await station.close();
      return printingRig({ rig, dir });
    },
  };
  return self;
}
