import { z } from 'zod';
import { channel, withAccess, COUNTER, RECEPTION } from './channel';
import { localDateTime } from './schemas';

// The printing feature's channels (main/printing): the print queue every slip, form and receipt
// goes through. The panel lists the latest jobs with their state and, for a job that waits or
// failed, why and what to do; the officer sends a failed job again or cancels one.

export const printJobState = z.enum(['waiting', 'sending', 'sent', 'printed', 'failed', 'cancelled']);
export type PrintJobStateName = z.infer<typeof printJobState>;

export const printJobView = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(['slip', 'form', 'receipt', 'other']),
  dossierCode: z.string().nullable(),
  /** Where it goes; null: the system's default printer. */
  printer: z.string().nullable(),
  copies: z.number().int(),
  state: printJobState,
  /** The state as the officer reads it, in the station's language. */
  stateText: z.string(),
  attempts: z.number().int(),
  /** The spooler's job id ("Queue-12") once it took the job. */
  spoolJobId: z.string().nullable(),
  /** Why it waits or failed and what to do, in the station's language; null when nothing is wrong. */
  reason: z.string().nullable(),
  reasonCode: z.string().nullable(),
  createdAt: localDateTime,
  updatedAt: localDateTime,
  officerName: z.string().nullable(),
  canRetry: z.boolean(),
  canCancel: z.boolean(),
});
export type PrintJobView = z.infer<typeof printJobView>;

export const printJobsList = z.object({
  jobs: z.array(printJobView),
  /** Waiting in the station or at the printer, and failed: the status bar's counts. */
  waiting: z.number().int(),
  failed: z.number().int(),
});

const jobId = z.object({ id: z.number().int().positive() }).strict();

export const printChannels = withAccess({
  'print.jobs': channel(
    z.object({ limit: z.number().int().min(1).max(200).default(30) }).strict().default({ limit: 30 }),
    printJobsList,
    'The latest print jobs of this station with their state and, for one waiting or failed, why',
  ),
  'print.retry': channel(jobId, printJobView, 'Send a failed or waiting print job again now (a new attempt)'),
  'print.cancel': channel(jobId, printJobView, 'Cancel a print job that has not printed (also at the printer, where it waits there)'),
}, {
  'print.jobs': COUNTER,
  'print.retry': RECEPTION,
  'print.cancel': RECEPTION,
});
