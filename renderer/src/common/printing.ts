import { useEffect, useState } from 'react';
import type { PrinterInfo } from '../../../main/contract/schemas';
import { defineMessages, useMessages } from './i18n/i18n';
import { errorMessage, useStation } from './station';

// Printing a PDF the station made (a slip, a form, a receipt), the same way on every screen: the
// printers the station knows, the default one chosen, and "In" — handed to the station's print
// queue, which says whether the printer took it or the job waits in the station until the
// printer is back. Where the host has no printer the PDF opens, to be printed from the viewer.

export const printingWords = defineMessages({
  printing: { vi: 'Đang gửi lệnh in…', en: 'Sending to the printer…' },
  printed: { vi: 'Đã gửi lệnh in tới {printer}.', en: 'Sent to printer {printer}.' },
  queued: {
    vi: 'Máy in {printer} chưa nhận lệnh: bản in đang chờ trong trạm và sẽ tự in khi máy in sẵn sàng (xem "Bản in" ở thanh trạng thái). Không cần bấm In lại.',
    en: 'Printer {printer} has not taken the job: it waits in the station and prints by itself when the printer is ready (see "Print jobs" in the status bar). No need to print again.',
  },
  noPrinter: { vi: 'Chưa có máy in: tệp PDF đã mở để in từ trình xem.', en: 'No printer: the PDF opened to be printed from the viewer.' },
});

export type PrintAnswer = Readonly<{ printed: boolean; printer: string }>;

export type Printing = Readonly<{
  printers: readonly PrinterInfo[] | undefined;
  printer: string;
  setPrinter: (name: string) => void;
  /** Prints through `send` (the feature's own channel), or opens `pdfUrl` where there is no printer. */
  print: () => Promise<void>;
  printing: boolean;
  /** What happened, for a role="status" line. */
  message: string;
  setMessage: (text: string) => void;
}>;

export function usePrinting(send: (printer: string) => Promise<PrintAnswer>, pdfUrl: string | null): Printing {
  const t = useMessages(printingWords);
  const info = useStation('app.info', {});
  const canPrint = info.data?.canPrint ?? false;
  const printers = useStation('printers.list', {}, { enabled: canPrint });
  const [printer, setPrinter] = useState('');
  const [message, setMessage] = useState('');
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    if (printer || !printers.data) return;
    setPrinter(printers.data.find((p) => p.isDefault)?.name ?? printers.data[0]?.name ?? '');
  }, [printers.data, printer]);

  const print = async () => {
    if (printing) return;
    if (!canPrint || !printer) {
      if (pdfUrl) window.open(pdfUrl, '_blank');
      setMessage(t('noPrinter'));
      return;
    }
    setPrinting(true);
    setMessage(t('printing'));
    try {
      const answer = await send(printer);
      const name = answer.printer || printer;
      const shown = printers.data?.find((p) => p.name === name)?.displayName ?? name;
      setMessage(t(answer.printed ? 'printed' : 'queued', { printer: shown }));
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setPrinting(false);
    }
  };

  return { printers: printers.data, printer, setPrinter, print, printing, message, setMessage };
}
