// The port through which the station prints a PDF. One implementation per host/backend:
// Electron's webContents.print (desktop), CUPS through `lp` (the web host on Linux).

export type PrinterInfo = Readonly<{ name: string; displayName: string; isDefault: boolean }>;

export type PrintJob = Readonly<{ pdf: Buffer; title: string; printer?: string | undefined; copies: number }>;

export interface PdfPrinter {
  list(): Promise<PrinterInfo[]>;
  /** Resolves with the printer that took the job; rejects with a reason a person can read. */
  print(job: PrintJob): Promise<{ printer: string }>;
}

/** Where no printing backend exists (a browser host without CUPS): nothing to list, printing refused. */
export const noPrinter: PdfPrinter = {
  list: async () => [],
  print: async () => {
    throw new Error('Máy này chưa có máy in nào được cấu hình');
  },
};
