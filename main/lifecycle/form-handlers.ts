import type { z } from 'zod';
import type { Handlers } from '../contract/dispatch';
import type { issuedForm } from '../contract/lifecycle-channels';
import { StationError } from '../core/errors';
import { formatDate } from '../core/format';
import type { LocalDate } from '../core/model';
import { safeFileName } from '../core/text-safety';
import type { LogBookData } from '../forms/log-book';
import type { FormSetId } from '../forms/form-sets';
import type { Db } from '../storage/db';
import { writeTransaction } from '../storage/database';
import { requireDossierId } from '../storage/dossier-store';
import { eventsOf, lifecycleRecordOf, type LifecycleRecord } from '../storage/lifecycle-store';
import { checkFormDocument, formFileName, formModules, formTitle, processingControlData, renderFormDocument, type FormDocument } from './form-data';
import { insertIssuedForm, issuedFormById, lastFormOf, printsOf, recordPrint, type IssuedFormRecord } from './forms-store';
import { logBookEntries } from './indicators-store';
import type { LifecycleEnv } from './lifecycle-env';
import { officerOf } from './lifecycle-env';
import { checkedForm, reportError } from './refusals';

// The forms of the lifecycle once issued: Mẫu 05 on demand, any issued form as a PDF or on a
// printer (every print recorded: which form, when, by whom, where), and the log book (Mẫu 06)
// of a day or a range of days as PDF and XLSX.

type IssuedFormView = z.output<typeof issuedForm>;

/** A printed log book is at most this many lines (forms/log-book.ts MAX_LOG_BOOK_LINES); XLSX takes more. */
const MAX_PDF_LINES = 20_000;
const MAX_XLSX_LINES = 200_000;

export function issuedFormView(db: Db, id: number): IssuedFormView {
  const f = issuedFormById(db, id);
  if (!f) throw new StationError('LIFECYCLE_FORM_NOT_FOUND', { id });
  return viewOf(db, f);
}

export function viewOf(db: Db, f: IssuedFormRecord): IssuedFormView {
  return { id: f.id, kind: f.kind, number: f.number, title: f.title, issuedAt: f.issuedAt, officerName: f.officerName, prints: printsOf(db, f.id) };
}

function periodLabel(from: LocalDate, to: LocalDate): string {
  return from === to ? `ngày ${formatDate(from)}` : `từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;
}

type FormChannel = 'lifecycle.issueForm' | 'lifecycle.formPdf' | 'lifecycle.formPrint' | 'logbook.pdf' | 'logbook.xlsx';

export function formHandlers(env: LifecycleEnv): Pick<Handlers, FormChannel> {
  const { ctx } = env;
  const { db } = ctx;

  /** The log book of a period as the form lays it out; refused for a reversed, empty or too long period. */
  const logBookOf = (from: LocalDate, to: LocalDate, max: number): LogBookData => {
    if (from > to) throw reportError({ code: 'PERIOD_REVERSED', params: { from: formatDate(from), to: formatDate(to) } });
    const entries = logBookEntries(db, from, to, max + 1);
    if (entries.length === 0) throw reportError({ code: 'PERIOD_EMPTY', params: { period: periodLabel(from, to) } });
    if (entries.length > max) throw reportError({ code: 'TOO_MANY_LINES', params: { period: periodLabel(from, to), count: `${max}+`, max } });
    return { formSet: env.settings().formSet as FormSetId, agency: env.counterAgency(), volume: from.slice(0, 4), period: { from, to }, entries, demo: ctx.settings().agency.demo };
  };

  /** A record of the log book issued and printed (its lines are read again at each print: a log book grows). */
  const recordLogBook = (call: Parameters<Handlers['logbook.pdf']>[1], data: LogBookData, format: 'pdf' | 'xlsx') => {
    const officer = officerOf(call);
    const now = ctx.now();
    writeTransaction(db, () => {
      const id = insertIssuedForm(db, {
        kind: 'log_book', formSet: data.formSet ?? 'tt01-2018', number: null, title: formTitle((data.formSet ?? 'tt01-2018') as FormSetId, 'log_book'),
        officer, at: now, data: { period: data.period, lines: data.entries.length, format },
      });
      recordPrint(db, id, null, officer, now, null, 1);
    });
  };

  /** The document of an issued form: as issued, or — the log book — read again for its period. */
  const documentOf = (f: IssuedFormRecord): FormDocument => {
    if (f.kind === 'log_book') {
      const { period } = f.data as { period: { from: LocalDate; to: LocalDate } };
      return { kind: 'log_book', data: logBookOf(period.from, period.to, MAX_PDF_LINES) };
    }
    return f.data as FormDocument;
  };

  const render = async (formId: number) => {
    const f = issuedFormById(db, formId);
    if (!f) throw new StationError('LIFECYCLE_FORM_NOT_FOUND', { id: formId }, 'formId');
    const modules = await formModules();
    const pdf = await renderFormDocument(modules, documentOf(f));
    const code = f.dossierId === null ? null : (lifecycleRecordOf(db, f.dossierId)?.code ?? null);
    return { f, pdf, fileName: formFileName(f.formSet as FormSetId, f.kind, f.number, code, (s) => safeFileName(s, 120)) };
  };

  return {
    'lifecycle.issueForm': async ({ code, form }, call) => {
      const officer = officerOf(call);
      const modules = await formModules();
      const dossierId = requireDossierId(db, code);
      const set = env.settings().formSet as FormSetId;
      const now = ctx.now();
      const id = writeTransaction(db, () => {
        const record = lifecycleRecordOf(db, dossierId) as LifecycleRecord;
        let doc: FormDocument;
        if (form === 'processing_control') {
          doc = { kind: 'processing_control', data: processingControlData({ set, agency: env.counterAgency(), record, events: eventsOf(db, dossierId), calendar: env.calendar(), demo: ctx.settings().agency.demo }) };
        } else {
          // The handover note again: the one issued with the return, as it was.
          const issued = lastFormOf(db, dossierId, 'result_handover');
          if (!issued) throw new StationError('LIFECYCLE_FORM_NOT_FOUND', { id: code }, 'form');
          doc = issued.data as FormDocument;
        }
        checkedForm(() => checkFormDocument(modules, doc));
        return insertIssuedForm(db, { dossierId, kind: doc.kind, formSet: set, number: null, title: formTitle(set, doc.kind), officer, at: now, data: doc });
      });
      ctx.events.emit('dossier.changed', { code });
      return issuedFormView(db, id);
    },
    'lifecycle.formPdf': async ({ formId }, call) => {
      const officer = officerOf(call);
      const { f, pdf, fileName } = await render(formId);
      // A PDF is made to be printed (the browser's dialog, a USB stick): it counts as a print.
      writeTransaction(db, () => recordPrint(db, f.id, f.dossierId, officer, ctx.now(), null, 1));
      if (f.dossierId !== null) ctx.events.emit('dossier.changed', { code: lifecycleRecordOf(db, f.dossierId)?.code ?? '' });
      return { fileName, base64: pdf.toString('base64') };
    },
    'lifecycle.formPrint': async ({ formId, printer, copies }, call) => {
      const officer = officerOf(call);
      const { f, pdf, fileName } = await render(formId);
      let done: { printer: string; waiting?: boolean | undefined };
      try {
        // Through the print queue: written first, handed to the printer, followed until printed.
        const dossierCode = f.dossierId !== null ? lifecycleRecordOf(db, f.dossierId)?.code : undefined;
        done = await ctx.printer.print({ pdf, title: fileName, ...(printer !== undefined ? { printer } : {}), copies, about: { kind: 'form', dossierCode, ref: String(f.id) } });
      } catch (e) {
        throw new StationError('PRINT_FAILED', { reason: e instanceof Error ? e.message : String(e) });
      }
      writeTransaction(db, () => recordPrint(db, f.id, f.dossierId, officer, ctx.now(), done.printer, copies));
      if (f.dossierId !== null) ctx.events.emit('dossier.changed', { code: lifecycleRecordOf(db, f.dossierId)?.code ?? '' });
      return { printed: !done.waiting, printer: done.printer };
    },
    'logbook.pdf': async ({ from, to }, call) => {
      const data = logBookOf(from, to, MAX_PDF_LINES);
      const modules = await formModules();
      const pdf = await checkedFormAsync(() => modules.logBook.renderLogBook(data));
      recordLogBook(call, data, 'pdf');
      return { fileName: `so-theo-doi-ho-so-${from}${from === to ? '' : `-${to}`}.pdf`, base64: pdf.toString('base64'), lines: data.entries.length };
    },
    'logbook.xlsx': async ({ from, to }, call) => {
      const data = logBookOf(from, to, MAX_XLSX_LINES);
      const { renderLogBookXlsx } = await import('../reports/logbook-xlsx');
      const made = await renderLogBookXlsx(data);
      if (!made.ok) throw reportError(made);
      recordLogBook(call, data, 'xlsx');
      return { fileName: `so-theo-doi-ho-so-${from}${from === to ? '' : `-${to}`}.xlsx`, base64: made.value.toString('base64'), lines: data.entries.length };
    },
  };
}

async function checkedFormAsync<T>(make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (e) {
    return checkedForm(() => { throw e; });
  }
}
