// Print queue: the time from the officer's "In" to the job handed to CUPS (lp answered with its
// job id and the id recorded), median, without the PDF render: the slip is rendered once before.
// A private cupsd with a cups-pdf queue (test/hardware/printers/cups-rig.ts), paused so that the
// figures measure the hand-off and not cups-pdf's Ghostscript run on the same two cores.

import { cupsPrinter } from '../../hardware/printers/cups';
import { createPrintQueue } from '../../main/printing/print-queue';
import { openStation } from '../../main/station';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { cupsRigUnavailable, startCupsRig } from '../hardware/printers/cups-rig';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now, progress, summarize } from './stats';

export const PRINT_QUEUE_TARGET_MS = 200;

export async function benchPrintQueue(options: { warmup: number; timed: number }): Promise<Record<string, unknown>> {
  const unavailable = cupsRigUnavailable();
  if (unavailable) return { skipped: unavailable, target: `median <= ${PRINT_QUEUE_TARGET_MS} ms`, met: false };
  const rig = await startCupsRig();
  const dir = mkdtempSync(join(tmpdir(), 'bench-print-'));
  const printer = cupsPrinter({ env: rig.env });
  const station = openStation({
    dataDir: dir, host: 'web', version: 'bench', printer, acceptUnsealedKey: true,
    callsWithoutSession: { id: 'bench', name: 'Bench', roles: ['reception', 'technician', 'leader'] },
  });
  try {
    await rig.admin('cupsdisable', rig.queue);
    const draft = draftFor(await station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION }));
    const saved = await station.dispatch('dossier.save', draft);
    if (!saved.ok) throw new Error(`dossier.save refused: ${JSON.stringify(saved.error)}`);
    const code = (saved.value as { code: string }).code;
    const slip = await station.dispatch('slip.pdf', { code });
    if (!slip.ok) throw new Error('slip.pdf refused');
    const pdf = Buffer.from((slip.value as { base64: string }).base64, 'base64');

    // The queue as the printing feature runs it, on the station's database, with the same printer.
    const queue = createPrintQueue({ db: station.db, now: () => new Date(), device: printer, onChange: () => undefined });
    const handOff: number[] = [];
    for (let i = 0; i < options.warmup + options.timed; i++) {
      const t0 = now();
      const job = await queue.submit({ pdf, title: `giay-hen-${i}.pdf`, printer: rig.queue, copies: 1, kind: 'slip', dossierCode: code });
      const t1 = now();
      if (job.state !== 'sent' || !job.spoolJobId) throw new Error(`job ${job.id} not handed: ${job.state} ${job.reasonCode ?? ''}`);
      if (i >= options.warmup) handOff.push(t1 - t0);
      if (i % 20 === 0) progress(`print queue: ${i + 1}/${options.warmup + options.timed}`);
    }
    // The bare `lp` of the same file, for comparison: what the queue adds is the write and the reconciliation.
    const bare: number[] = [];
    const file = join(dir, 'slip.pdf');
    (await import('node:fs')).writeFileSync(file, pdf);
    for (let i = 0; i < options.timed; i++) {
      const t0 = now();
      await rig.lp('-d', rig.queue, '-t', `bare-${i}`, file);
      bare.push(now() - t0);
    }
    await queue.stop();
    const timed = summarize(handOff);
    return {
      pdfBytes: pdf.length,
      inToHandedMs: timed,
      bareLpMs: summarize(bare),
      target: `median <= ${PRINT_QUEUE_TARGET_MS} ms (In → handed to CUPS, without the PDF render)`,
      met: timed.median <= PRINT_QUEUE_TARGET_MS,
    };
  } finally {
    await station.close();
    await rig.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
