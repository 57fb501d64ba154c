// The port through which the station prints a PDF. One implementation per host/backend:
// Electron's webContents.print (desktop), CUPS through `lp` (the web host on Linux).

export type PrinterInfo = Readonly<{ name: string; displayName: string; isDefault: boolean }>;

export type PrintJob = Readonly<{
  pdf: Buffer;
  title: string;
  printer?: string | undefined;
  copies: number;
  /**
   * The name the spooler shows for the job (CUPS job-name). The print queue makes one that is
   * unique per attempt, so that after a crash it can find out whether the spooler took the job.
   */
  jobName?: string | undefined;
  /** What is printed, for the print queue's panel (slip of a dossier, a form, a receipt). */
  about?: Readonly<{ kind: 'slip' | 'form' | 'receipt'; dossierCode?: string | undefined; ref?: string | undefined }> | undefined;
}>;

/** What the backend answered: the printer that took the job and, from a spooler, its job id. */
export type Handed = Readonly<{
  printer: string;
  jobId?: string | undefined;
  /** Through the print queue: true while the job waits in the station (the printer has not taken it yet). */
  waiting?: boolean | undefined;
}>;

/** A job as the spooler reports it (CUPS job-state, RFC 8011 §5.3.7). */
export type SpooledJobState = 'pending' | 'held' | 'processing' | 'stopped' | 'cancelled' | 'aborted' | 'completed';
export type SpooledJob = Readonly<{ id: string; name: string; printer: string; state: SpooledJobState; reasons: readonly string[] }>;

/** A spooler queue's state: `cupsdisable` stops it (jobs wait), `cupsreject` refuses new jobs. */
export type PrinterState = Readonly<{ name: string; enabled: boolean; accepting: boolean; message: string }>;

/** What a spooler tells about the jobs it took: present where the backend is a spooler (CUPS). */
export interface Spooler {
  /**
   * Every job the spooler still knows (waiting, printing and finished). The name may be empty
   * for a finished job: CUPS answers a list from its cache, without the names it unloaded.
   */
  jobs(): Promise<SpooledJob[]>;
  /** The job with this name, looking into finished jobs too (newest first, the latest `depth`). */
  findByName(name: string, depth?: number): Promise<SpooledJob | undefined>;
  printers(): Promise<PrinterState[]>;
  /** Cancels a job the spooler holds; resolves false when it no longer knows the job. */
  cancel(jobId: string): Promise<boolean>;
}

export interface PdfPrinter {
  list(): Promise<PrinterInfo[]>;
  /** Resolves with the printer that took the job; rejects with a reason a person can read. */
  print(job: PrintJob): Promise<Handed>;
  /** The spooler behind the printer, where there is one: the print queue follows its jobs. */
  spooler?: Spooler | undefined;
}

/** A backend's refusal that says the job never reached the printer (safe to send again). */
export class PrintRefused extends Error {
  constructor(
    message: string,
    /** The spooler does not know the printer, or does not take jobs now, or is not running. */
    readonly reason: 'no_printer' | 'not_accepting' | 'spooler_down' | 'failed',
  ) {
    super(message);
    this.name = 'PrintRefused';
  }
}

/** Where no printing backend exists (a browser host without CUPS): nothing to list, printing refused. */
export const noPrinter: PdfPrinter = {
  list: async () => [],
  print: async () => {
    throw new Error('Máy này chưa có máy in nào được cấu hình');
  },
};
