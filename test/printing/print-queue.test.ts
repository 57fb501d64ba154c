import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintJobView } from '../../main/contract/print-channels';
import { VIETNAMESE_TEXT } from '../helpers/station';
import { cupsRigUnavailable } from '../hardware/printers/cups-rig';
import { grayPage, inkShare, layoutDifference, pageCount, pngOf } from '../hardware/printers/pictures';
import { printingRig } from './printing-rig';

// The print queue against a real CUPS scheduler with a cups-pdf queue: a slip the officer prints
// while the printer is paused, refusing, losing the job or gone, and a station that stops in the
// middle of a hand-off. Each case ends with what came out of the "printer": exactly one slip, or
// none and a reason in Vietnamese.

const only = <T,>(list: readonly T[]): T => {
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe.skipIf(cupsRigUnavailable() !== null)('the print queue with a real CUPS printer', () => {
  it('a slip sent while the printer is paused waits at the printer, then prints exactly once, looking as sent', async () => {
    const p = await printingRig();
    const changes: Array<{ waiting: number; failed: number }> = [];
    p.station.events.on('print.changed', (payload) => changes.push(payload));
    const d = await p.dossier('Trần Thị Bình');
    await p.rig.admin('cupsdisable', '-r', 'Paper out', p.rig.queue);

    // Handed to CUPS at once: the channel's answer says printed (handed) and where.
    expect(await p.call('slip.print', { code: d.code })).toEqual({ printed: true, printer: p.rig.queue });
    const job = only(await p.jobs());
    expect(job).toMatchObject({ kind: 'slip', dossierCode: d.code, printer: p.rig.queue, state: 'sent', attempts: 1, spoolJobId: expect.stringMatching(/-\d+$/) });
    const held = await p.jobUntil(job.id, (j) => j.reasonCode === 'PRINT_HELD_PAUSED', 'the paused printer to be noted');
    expect(held.reason).toMatch(VIETNAMESE_TEXT);
    expect(held.reason).toContain('đang tạm dừng (Paper out)');
    expect(held.reason).toContain('không cần in lại');
    expect(p.rig.outputs()).toEqual([]);

    await p.rig.admin('cupsenable', p.rig.queue);
    const printed = await p.jobUntil(job.id, (j) => j.state === 'printed', 'the slip to print');
    expect(printed).toMatchObject({ reason: null, stateText: 'đã in', attempts: 1, canRetry: false });
    expect(only(await p.spooledFor(job))).toMatchObject({ id: job.spoolJobId, state: 'completed' });

    // What the printer made is the slip: the same pages, the same picture.
    const out = only(p.rig.outputs());
    const sent = await p.slipFile(d.code);
    expect(pageCount(out)).toBe(pageCount(sent));
    // For a person to look at (kept in the temp folder): what was sent and what the printer made.
    copyFileSync(pngOf(out, join(p.rig.dir, 'printed')), join(p.rig.dir, '..', `print-queue-printed-${process.pid}.png`));
    copyFileSync(pngOf(sent, join(p.rig.dir, 'sent')), join(p.rig.dir, '..', `print-queue-sent-${process.pid}.png`));
    // cups-pdf re-renders through Ghostscript (thinner Type 3 glyphs): the layout is compared,
    // cell by cell, and the amount of ink.
    const [before, after] = [grayPage(sent), grayPage(out)];
    expect(layoutDifference(before, after)).toBeLessThan(3);
    expect(inkShare(after)).toBeGreaterThan(inkShare(before) * 0.5);
    expect(inkShare(after)).toBeLessThan(inkShare(before) * 1.5);
    expect(changes.at(-1)).toEqual({ waiting: 0, failed: 0 });
    expect(changes.some((c) => c.waiting === 1)).toBe(true);
  }, 90_000);

  it('a printer refusing jobs: the slip waits in the station, and goes once the printer takes jobs again', async () => {
    const p = await printingRig();
    const d = await p.dossier();
    await p.rig.admin('cupsreject', p.rig.queue);

    expect(await p.call('slip.print', { code: d.code })).toEqual({ printed: false, printer: p.rig.queue });
    const waiting = only(await p.jobs());
    expect(waiting).toMatchObject({ state: 'waiting', reasonCode: 'PRINT_WAIT_NOT_ACCEPTING', spoolJobId: null, canRetry: true });
    expect(waiting.reason).toMatch(/không nhận lệnh in.*tự gửi khi máy in nhận lại/);
    expect(await p.call('print.jobs', {})).toMatchObject({ waiting: 1, failed: 0 });
    expect(await p.spooledFor(waiting)).toEqual([]);

    await p.rig.admin('cupsaccept', p.rig.queue);
    const printed = await p.jobUntil(waiting.id, (j) => j.state === 'printed', 'the slip to print once accepted');
    expect(only(await p.spooledFor(printed))).toMatchObject({ state: 'completed' });
    expect(p.rig.outputs()).toHaveLength(1);
  }, 90_000);

  it('a printer that takes the job and loses it: failed with what to do, never sent again on its own; "In lại" prints it once', async () => {
    const p = await printingRig();
    const lost = await p.dossier('Lê Văn Cường');
    const other = await p.dossier('Phạm Thị Dung');
    await p.rig.admin('cupsdisable', p.rig.queue);
    await p.call('slip.print', { code: lost.code });
    const job = only(await p.jobs());
    await p.rig.admin('cancel', job.spoolJobId!); // someone clears the printer's queue

    const failed = await p.jobUntil(job.id, (j) => j.state === 'failed', 'the lost job to be noticed');
    expect(failed).toMatchObject({ reasonCode: 'PRINT_LOST_CANCELLED', canRetry: true });
    expect(failed.reason).toMatch(/đã nhận lệnh in rồi huỷ nó.*không tự in lại để tránh in hai lần.*bấm "In lại"/);
    expect(await p.call('print.jobs', {})).toMatchObject({ failed: 1 });

    // The printer comes back and another slip prints through it: by then the queue has passed
    // over the lost job many times, and sent it nowhere.
    await p.rig.admin('cupsenable', p.rig.queue);
    await p.call('slip.print', { code: other.code });
    const second = (await p.jobs()).find((j) => j.dossierCode === other.code)!;
    await p.jobUntil(second.id, (j) => j.state === 'printed', 'the other slip to print');
    expect((await p.jobs()).find((j) => j.id === job.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(p.rig.outputs()).toHaveLength(1);

    // The officer looks at the tray, sees nothing, and asks again: one more attempt, one page.
    const again = await p.call<PrintJobView>('print.retry', { id: job.id });
    expect(again.attempts).toBe(2);
    await p.jobUntil(job.id, (j) => j.state === 'printed', 'the retried slip to print');
    expect((await p.spooledFor(job)).map((s) => s.state).sort()).toEqual(['cancelled', 'completed']);
    expect(p.rig.outputs()).toHaveLength(2);

    const refused = await p.refused('print.retry', { id: job.id });
    expect(refused).toMatchObject({ code: 'PRINT_JOB_NOT_RETRYABLE' });
    expect(refused.message).toContain('"đã in"');
    expect(await p.refused('print.cancel', { id: 999 })).toMatchObject({ code: 'PRINT_JOB_NOT_FOUND' });
  }, 90_000);

  it('a job the spooler forgets (its id vanishes) fails with what to do, and is not printed again', async () => {
    const p = await printingRig();
    const d = await p.dossier();
    await p.rig.admin('cupsdisable', p.rig.queue);
    await p.call('slip.print', { code: d.code });
    const job = only(await p.jobs());
    expect(job.state).toBe('sent');
    await p.rig.forgetJobs();

    const failed = await p.jobUntil(job.id, (j) => j.state === 'failed', 'the vanished job to be noticed');
    expect(failed.reasonCode).toBe('PRINT_LOST_VANISHED');
    expect(failed.reason).toContain(`không còn giữ lệnh in ${job.spoolJobId}`);
    expect(failed.reason).toContain('xem khay giấy');
    await p.rig.admin('cupsenable', p.rig.queue);
    expect(await p.spooledFor(job)).toEqual([]);
    expect(p.rig.outputs()).toEqual([]);
  }, 90_000);

  it('cancelling: a job waiting in the station never goes; one held by a paused printer is taken back there too', async () => {
    const p = await printingRig();
    const a = await p.dossier();
    const b = await p.dossier('Hoàng Văn Em');
    await p.rig.admin('cupsdisable', p.rig.queue);
    await p.call('slip.print', { code: a.code });
    const held = only(await p.jobs());
    await p.rig.admin('cupsreject', p.rig.queue);
    await p.call('slip.print', { code: b.code });
    const waiting = (await p.jobs()).find((j) => j.dossierCode === b.code)!;
    expect(waiting.state).toBe('waiting');

    expect(await p.call('print.cancel', { id: held.id })).toMatchObject({ state: 'cancelled', stateText: 'đã huỷ' });
    expect(await p.call('print.cancel', { id: waiting.id })).toMatchObject({ state: 'cancelled' });
    expect(only(await p.spooledFor(held)).state).toBe('cancelled');

    await p.rig.admin('cupsaccept', p.rig.queue);
    await p.rig.admin('cupsenable', p.rig.queue);
    // A third slip prints: the queue has run past both cancelled jobs, which stay cancelled.
    await p.call('slip.print', { code: a.code });
    const third = (await p.jobs())[0]!;
    await p.jobUntil(third.id, (j) => j.state === 'printed', 'the third slip to print');
    expect((await p.jobs()).map((j) => j.state)).toEqual(['printed', 'cancelled', 'cancelled']);
    expect(await p.spooledFor(waiting)).toEqual([]);
    expect(p.rig.outputs()).toHaveLength(1);
    expect(await p.refused('print.cancel', { id: third.id })).toMatchObject({ code: 'PRINT_JOB_NOT_CANCELLABLE' });
  }, 90_000);
});
