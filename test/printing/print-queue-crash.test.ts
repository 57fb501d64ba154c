import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handoffNameOf } from '../../main/printing/print-queue';
import { beginHandoff, insertPrintJob, printJobById } from '../../main/storage/print-jobs-store';
import { FIXED_NOW } from '../helpers/station';
import { cupsRigUnavailable } from '../hardware/printers/cups-rig';
import { printingRig, type PrintingStation } from './printing-rig';

// A station that stops in the middle of a hand-off (power cut, killed): the job's row says
// "sending" with the attempt's name. On the next start the queue asks CUPS for that name: if
// CUPS took it, it is followed (not sent again); if not, it is sent once.

/** Writes a job and its hand-off intent as the queue does, as if the station died right after. */
function interruptedHandoff(p: PrintingStation, pdf: Buffer) {
  const job = insertPrintJob(p.station.db, { key: 'c0ffee000001', title: 'giay-hen.pdf', kind: 'slip', printer: p.rig.queue, copies: 1, pdf }, FIXED_NOW.getTime());
  const name = handoffNameOf(job, 1);
  expect(beginHandoff(p.station.db, job.id, name, FIXED_NOW.getTime())).toBe(true);
  return { job, name };
}

describe.skipIf(cupsRigUnavailable() !== null)('a station stopped in the middle of a hand-off', () => {
  it('CUPS had taken the job: found by its name after the restart, followed to printed, not sent again', async () => {
    const first = await printingRig();
    const d = await first.dossier();
    const slip = await first.slipFile(d.code);
    const { job, name } = interruptedHandoff(first, readFileSync(slip));
    await first.rig.lp('-d', first.rig.queue, '-t', name, slip); // lp ran; the station died before it heard the answer
    // The first station's worker sleeps (nothing was submitted through it): only the reopened one passes.
    const p = await first.reopen();
    const printed = await p.jobUntil(job.id, (j) => j.state === 'printed', 'the interrupted job to be found and followed');
    expect(printed).toMatchObject({ attempts: 1, spoolJobId: expect.stringMatching(/-1$/) });
    expect(await p.spooledFor(printed)).toHaveLength(1);
    expect(p.rig.outputs()).toHaveLength(1);
    expect(printJobById(p.station.db, job.id)?.handoffName).toBe(name);
  }, 90_000);

  it('CUPS never got the job: sent once after the restart', async () => {
    const first = await printingRig();
    const d = await first.dossier();
    const slip = await first.slipFile(d.code);
    const { job } = interruptedHandoff(first, readFileSync(slip));
    const p = await first.reopen();
    const printed = await p.jobUntil(job.id, (j) => j.state === 'printed', 'the interrupted job to be sent');
    expect(printed.attempts).toBe(2);
    expect((await p.spooledFor(printed)).map((s) => s.name)).toEqual([handoffNameOf(job, 2)]);
    expect(p.rig.outputs()).toHaveLength(1);
  }, 90_000);
});
