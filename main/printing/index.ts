import type { ChannelName } from '../contract/channels';
import { printChannels } from '../contract/print-channels';
import { formatError } from '../core/errors';
import { feature, type StationContext } from '../feature';
import { printJobCounts } from '../storage/print-jobs-store';
import { noPrinter, type PdfPrinter } from '../../hardware/printers/printer';
import './messages';
import { printHandlers } from './print-handlers';
import { createPrintQueue, type PrintQueue, type PrintQueueOptions } from './print-queue';

export type PrintingOptions = Partial<Pick<PrintQueueOptions, 'pollMs' | 'retryMs' | 'keepPdfMs'>>;

/**
 * The print queue between the features that print and the host's printer. The composition root
 * gives the features `printer` (a PdfPrinter that queues) as `context.printer` and composes
 * `feature`; the queue itself opens with the feature. Where the host has no printer at all, the
 * features see `noPrinter` as before (nothing to queue to).
 */
export function printingFeature(device: PdfPrinter, options: PrintingOptions = {}) {
  let queue: PrintQueue | undefined;
  let context: StationContext | undefined;

  const printer: PdfPrinter = device === noPrinter ? noPrinter : {
    list: () => device.list(),
    async print(job) {
      if (!queue || !context) throw new Error('Hàng đợi in chưa mở');
      const done = await queue.submit({
        pdf: job.pdf, title: job.title, printer: job.printer, copies: job.copies,
        kind: job.about?.kind ?? 'other', dossierCode: job.about?.dossierCode, ref: job.about?.ref,
      });
      if (done.state === 'failed') {
        // Without a spooler the backend's failure is final (Electron opened its fallback): the caller says so.
        throw new Error(formatError(done.reasonCode ?? 'PRINT_DEVICE_FAILED', { printer: done.printer ?? '', detail: done.reasonDetail, job: '' }, context.language()));
      }
      return { printer: done.printer ?? job.printer ?? '', jobId: done.spoolJobId ?? undefined, waiting: done.state === 'waiting' };
    },
  };

  return {
    printer,
    feature: feature({
      name: 'printing',
      channels: Object.keys(printChannels) as Array<keyof typeof printChannels & ChannelName>,
      open: (ctx) => {
        context = ctx;
        const emit = () => ctx.events.emit('print.changed', printJobCounts(ctx.db));
        queue = createPrintQueue({ db: ctx.db, now: ctx.now, device, onChange: emit, ...options });
        queue.start();
        const opened = queue;
        ctx.onClose(() => opened.stop());
        return printHandlers(ctx, opened);
      },
    }),
  };
}
