import type { LifecycleSettings } from '../contract/lifecycle-channels';
import type { WorkingCalendar } from '../core/calendar/working-calendar';
import type { LocalDateTime } from '../core/model';
import type { ApologyLetterData } from '../forms/apology-letter';
import type { FormAgency } from '../forms/form-layout';
import type { LogBookData } from '../forms/log-book';
import { formTemplate, type FormSetId } from '../forms/form-sets';
import type { Handoff, ProcessingControlData } from '../forms/processing-control';
import type { ReceiptSlipData, SlipLayout } from '../forms/receipt-slip-data';
import type { RefusalNoticeData } from '../forms/refusal-notice';
import type { ResultHandoverData } from '../forms/result-handover';
import type { StopNoticeData } from '../forms/stop-notice';
import type { SupplementRequestData } from '../forms/supplement-request';
import type { DossierEvent, LifecycleRecord } from '../storage/lifecycle-store';
import type { FormKindName } from './forms-store';

// What each form of the lifecycle is laid out from, and the form modules themselves, loaded on
// the first form (pdfmake and its fonts cost a fifth of a second; the station opens without them).

export type LogBookDocument = Readonly<{ kind: 'log_book'; data: LogBookData }>;

/** A form's kind and its data, as stored with the issued form and rendered again from there. */
export type FormDocument =
  | Readonly<{ kind: 'supplement_request'; data: SupplementRequestData }>
  | Readonly<{ kind: 'refusal'; data: RefusalNoticeData }>
  | Readonly<{ kind: 'apology'; data: ApologyLetterData }>
  | Readonly<{ kind: 'stop_notice'; data: StopNoticeData }>
  | Readonly<{ kind: 'processing_control'; data: ProcessingControlData }>
  | Readonly<{ kind: 'result_handover'; data: ResultHandoverData }>
  | Readonly<{ kind: 'receipt_slip'; data: Readonly<{ slip: ReceiptSlipData; layout: SlipLayout }> }>
  | LogBookDocument;

const load = () => Promise.all([
  import('../forms/supplement-request'),
  import('../forms/refusal-notice'),
  import('../forms/apology-letter'),
  import('../forms/stop-notice'),
  import('../forms/processing-control'),
  import('../forms/result-handover'),
  import('../forms/receipt-slip'),
  import('../forms/log-book'),
]).then(([supplement, refusal, apology, stop, control, handover, slip, logBook]) => ({ supplement, refusal, apology, stop, control, handover, slip, logBook }));

export type FormModules = Awaited<ReturnType<typeof load>>;

let loading: Promise<FormModules> | undefined;
/** The form modules, loaded once. */
export const formModules = (): Promise<FormModules> => (loading ??= load());

/** Lays the form out without rendering: throws FormDataError (every problem at once) on bad data. */
export function checkFormDocument(m: FormModules, doc: FormDocument): void {
  switch (doc.kind) {
    case 'supplement_request': m.supplement.buildSupplementRequest(doc.data); return;
    case 'refusal': m.refusal.buildRefusalNotice(doc.data); return;
    case 'apology': m.apology.buildApologyLetter(doc.data); return;
    case 'stop_notice': m.stop.buildStopNotice(doc.data); return;
    case 'processing_control': m.control.buildProcessingControl(doc.data); return;
    case 'result_handover': m.handover.buildResultHandover(doc.data); return;
    case 'receipt_slip': m.slip.buildReceiptSlip(doc.data.slip, doc.data.layout); return;
    case 'log_book': m.logBook.buildLogBook(doc.data); return;
    default: { const unknown: never = doc; throw new Error(`Unknown form ${JSON.stringify(unknown)}`); }
  }
}

export function renderFormDocument(m: FormModules, doc: FormDocument): Promise<Buffer> {
  switch (doc.kind) {
    case 'supplement_request': return m.supplement.renderSupplementRequest(doc.data);
    case 'refusal': return m.refusal.renderRefusalNotice(doc.data);
    case 'apology': return m.apology.renderApologyLetter(doc.data);
    case 'stop_notice': return m.stop.renderStopNotice(doc.data);
    case 'processing_control': return m.control.renderProcessingControl(doc.data);
    case 'result_handover': return m.handover.renderResultHandover(doc.data);
    case 'receipt_slip': return m.slip.renderReceiptSlip(doc.data.slip, doc.data.layout);
    case 'log_book': return m.logBook.renderLogBook(doc.data);
    default: { const unknown: never = doc; throw new Error(`Unknown form ${JSON.stringify(unknown)}`); }
  }
}

/** The title a set gives a form ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"), with its number ("Mẫu 02 – …"). */
export function formTitle(set: FormSetId, kind: FormKindName): string {
  const t = formTemplate(set, kind);
  if (!t) return kind;
  return t.number !== undefined ? `Mẫu ${t.number} – ${t.title}` : t.title;
}

/** "mau-02-01-0012-PYCBS-000.00.06.H56-261123-0361.pdf"-like names: ASCII, one folder component. */
export function formFileName(set: FormSetId, kind: FormKindName, number: string | null, code: string | null, safe: (s: string) => string): string {
  const t = formTemplate(set, kind);
  const parts = [t?.number !== undefined ? `mau-${t.number}` : kind.replace(/_/g, '-'), number ?? '', code ?? ''].filter((p) => p !== '');
  return `${safe(parts.join('-'))}.pdf`;
}

// ---------------------------------------------------------------------------------------------
// Mẫu 05: the hand-offs of a dossier, from its history

const COUNTER_UNIT = 'Bộ phận Một cửa';
const CITIZEN = 'Tổ chức, cá nhân';

/**
 * The hand-offs of a dossier from its history (the counter's steps and the feed's): the counter
 * passing it on (due the working day it was received, or the next one when received after
 * 15:00 — the one-stop's own time to pass papers on), each change of unit reported by the feed,
 * the result coming back and being handed over (due by the appointment in force).
 */
export function handoffsOf(record: LifecycleRecord, events: readonly DossierEvent[], calendar: WorkingCalendar, unitName: string): Handoff[] {
  const counter = unitName.trim() !== '' ? unitName : COUNTER_UNIT;
  const out: Handoff[] = [];
  let holder = counter;
  let holderPerson: string | undefined = record.officerName;
  const lastEnd = calendar.segments[calendar.segments.length - 1]?.end ?? '17:00';
  /** The counter passes a complete dossier on the day it has it, or the next working day after 15:00. */
  const passOnDueAfter = (complete: LocalDateTime): LocalDateTime => {
    const day = calendar.nextWorkingStart(complete).slice(0, 10);
    const afterCutoff = complete.slice(0, 10) === day && complete.slice(11) > '15:00';
    return `${afterCutoff ? calendar.nextWorkingStart(`${day}T23:59`).slice(0, 10) : day}T${lastEnd}`;
  };
  let passOnDue = passOnDueAfter(record.receivedAt);
  for (const e of events) {
    if (e.event === 'complete_supplement') passOnDue = passOnDueAfter(e.at);
    const person = e.officerName.trim() !== '' ? e.officerName : undefined;
    const unit = e.unit.trim();
    if (e.event === 'start_processing') {
      const to = typeof e.details?.toUnit === 'string' && e.details.toUnit.trim() !== '' ? e.details.toUnit : unit !== '' && unit !== counter ? unit : 'Bộ phận chuyên môn';
      out.push({ fromUnit: holder, toUnit: to, at: e.at, ...(holderPerson ? { fromPerson: holderPerson } : {}), dueAt: passOnDue, ...(e.reason ? { note: e.reason } : {}) });
      holder = to;
      holderPerson = undefined;
    } else if (e.cause === 'feed' && e.event === 'progress' && unit !== '' && unit !== holder) {
      out.push({ fromUnit: holder, toUnit: unit, at: e.at, ...(holderPerson ? { fromPerson: holderPerson } : {}), ...(person ? { toPerson: person } : {}), dueAt: record.dueAt, ...(e.reason ? { note: e.reason } : {}) });
      holder = unit;
      holderPerson = person;
    } else if (e.event === 'progress' && person && unit === holder) {
      holderPerson = person;
    } else if (e.event === 'finish') {
      const from = e.cause === 'feed' && unit !== '' ? unit : holder;
      out.push({ fromUnit: from, toUnit: counter, at: e.at, ...(person && e.cause === 'feed' ? { fromPerson: person } : holderPerson ? { fromPerson: holderPerson } : {}), dueAt: record.dueAt, note: 'Có kết quả' });
      holder = counter;
      holderPerson = undefined;
    } else if (e.event === 'finish_at_counter') {
      out.push({ fromUnit: counter, toUnit: counter, at: e.at, ...(person ? { fromPerson: person, toPerson: person } : {}), dueAt: record.appointmentAt, note: 'Giải quyết ngay tại quầy' });
    } else if (e.event === 'return_result') {
      out.push({ fromUnit: counter, toUnit: CITIZEN, at: e.at, ...(person ? { fromPerson: person } : {}), ...(record.returnedTo ? { toPerson: record.returnedTo } : {}), dueAt: record.dueAt, note: 'Trả kết quả' });
    }
  }
  return out;
}

export function processingControlData(o: Readonly<{
  set: FormSetId; agency: FormAgency; record: LifecycleRecord; events: readonly DossierEvent[]; calendar: WorkingCalendar; demo: boolean;
}>): ProcessingControlData {
  const handoffs = handoffsOf(o.record, o.events, o.calendar, o.agency.unitName ?? '');
  const units = [...new Set(handoffs.map((h) => h.toUnit).filter((u) => u !== (o.agency.unitName ?? COUNTER_UNIT) && u !== CITIZEN && u !== COUNTER_UNIT))];
  return {
    formSet: o.set,
    agency: o.agency,
    dossierCode: o.record.code,
    applicantName: o.record.ownerName,
    request: o.record.procedureName,
    receivedAt: o.record.receivedAt,
    appointmentAt: o.record.dueAt,
    leadUnit: units[0] ?? 'Bộ phận chuyên môn',
    coordinatingUnits: units.slice(1),
    handoffs,
    blankRows: handoffs.length >= 4 ? 1 : 2,
    demo: o.demo,
  };
}

/** The "trước ngày …" of Mẫu 02, when the agency gives a number of days to complete the dossier. */
export function completeByOf(settings: LifecycleSettings, at: LocalDateTime, addDays: (d: string, n: number) => string): string | undefined {
  return settings.supplementDays > 0 ? addDays(at.slice(0, 10), settings.supplementDays) : undefined;
}
