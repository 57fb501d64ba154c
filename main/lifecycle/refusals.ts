import { StationError, StationIssues, type ErrorParams } from '../core/errors';
import { DOSSIER_STATUSES, isDossierStatus, rulesFor, type DossierStatus, type LifecycleEvent, type TransitionRefused } from '../core/lifecycle';
import { CAUSE_LABELS, EVENT_LABELS } from '../core/lifecycle-messages';
import { formatDate } from '../core/format';
import { isValidLocalDateTime } from '../core/time';
import { formatFormIssue, FormDataError } from '../forms/form-errors';
import type { ReportRefusal } from '../reports/report-period';
import { formatReportRefusal } from '../reports/report-period';
import './messages';

// The core's answers turned into the typed errors the officer reads, each next to its field:
// a refused transition (core/lifecycle.ts), a form that cannot be laid out (forms/form-errors.ts),
// a report the period does not allow (reports/report-period.ts).

type Lang = 'vi' | 'en';

/** Which field of `dossier.transition` each refusal belongs to. */
const FIELD_OF: Partial<Record<TransitionRefused['code'], string>> = {
  TRANSITION_NOT_ALLOWED: 'event',
  STATUS_FINAL: 'event',
  CAUSE_NOT_ALLOWED: 'event',
  NOT_COUNTER_PROCESSED: 'event',
  REASON_REQUIRED: 'reason',
  REASON_TOO_LONG: 'reason',
  SUPPLEMENT_ITEMS_REQUIRED: 'items',
  NEW_APPOINTMENT_REQUIRED: 'newAppointmentAt',
  NEW_APPOINTMENT_INVALID: 'newAppointmentAt',
  NEW_APPOINTMENT_NOT_LATER: 'newAppointmentAt',
  NEW_APPOINTMENT_IN_PAST: 'newAppointmentAt',
  HANDOVER_REQUIRED: 'receiver',
  RECEIVER_NAME_REQUIRED: 'receiver.fullName',
  RECEIVER_ID_REQUIRED: 'receiver.idNumber',
  RECEIVER_ID_INVALID: 'receiver.idNumber',
  TRACKING_NUMBER_REQUIRED: 'delivery.trackingNumber',
  TRACKING_NUMBER_INVALID: 'delivery.trackingNumber',
};

/** A parameter as the core's messages write it: statuses and events by name, times as people write them. */
function written(key: string, value: string | number, lang: Lang): string {
  if (key === 'status') {
    if (value === 0) return lang === 'vi' ? 'chưa ghi nhận' : 'not recorded';
    if (isDossierStatus(value)) return DOSSIER_STATUSES[value][lang];
  }
  if (key === 'event' && typeof value === 'string' && value in EVENT_LABELS) return EVENT_LABELS[value as LifecycleEvent][lang];
  if (key === 'cause' && (value === 'counter' || value === 'feed')) return CAUSE_LABELS[value][lang];
  if (typeof value === 'string' && isValidLocalDateTime(value)) return `${value.slice(11, 16)} ${lang === 'vi' ? 'ngày' : 'on'} ${formatDate(value.slice(0, 10))}`;
  return String(value);
}

/**
 * A refused transition as the error a person reads, in either language, next to its field.
 * `from`: the dossier's status, so that "only … " names the causes allowed from there.
 */
export function refusalError(r: Pick<TransitionRefused, 'code' | 'params'>, from?: DossierStatus | null): StationError {
  const params: Record<string, string | number> = { ...r.params };
  for (const lang of ['vi', 'en'] as const) {
    for (const [k, v] of Object.entries(r.params)) params[`${k}_${lang}`] = written(k, v, lang);
    if (r.code === 'CAUSE_NOT_ALLOWED' && typeof r.params.event === 'string' && r.params.event in EVENT_LABELS) {
      const rules = rulesFor(r.params.event as LifecycleEvent);
      const fromHere = from === undefined ? rules : rules.filter((x) => x.from === from);
      const causes = new Set((fromHere.length > 0 ? fromHere : rules).flatMap((x) => x.causes));
      params[`allowed_${lang}`] = [...causes].map((c) => CAUSE_LABELS[c][lang]).join(lang === 'vi' ? ' hoặc ' : ' or ');
    }
  }
  const field = FIELD_OF[r.code];
  return new StationError(`LIFECYCLE_${r.code}`, params, field);
}

/**
 * A form that cannot be made from the data: every problem, each at the input field it comes
 * from (`fieldOf` maps a field of the form's data to the channel's input; unmapped ones stay
 * as the form names them).
 */
export function formIssues(error: FormDataError, fieldOf: (formField: string) => string | undefined = () => undefined): StationIssues {
  return new StationIssues(error.issues.map((issue) => {
    const params: ErrorParams = { detail_vi: formatFormIssue(error.form, issue, 'vi'), detail_en: formatFormIssue(error.form, issue, 'en') };
    return new StationError('LIFECYCLE_FORM_INCOMPLETE', params, fieldOf(issue.field) ?? issue.field);
  }));
}

/** Runs a form's checks (its build function throws FormDataError) as typed errors. */
export function checkedForm<T>(build: () => T, fieldOf?: (formField: string) => string | undefined): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof FormDataError) throw formIssues(e, fieldOf);
    throw e;
  }
}

/** A report's refusal (empty, reversed or invalid period…) as an error next to the period's fields. */
export function reportError(r: Pick<ReportRefusal, 'code' | 'params'>): StationError {
  switch (r.code) {
    case 'PERIOD_REVERSED':
      return new StationError('LIFECYCLE_PERIOD_REVERSED', r.params, 'to');
    case 'PERIOD_EMPTY':
      return new StationError('LIFECYCLE_PERIOD_EMPTY', r.params, 'from');
    case 'TOO_MANY_LINES':
      return new StationError('LIFECYCLE_PERIOD_TOO_LONG', r.params, 'from');
    case 'PERIOD_INVALID':
    case 'ENTRY_INVALID':
    case 'ENTRY_OUTSIDE_PERIOD':
    case 'FACT_INVALID':
    case 'COUNTS_INVALID':
    case 'COUNTS_INCONSISTENT':
      return new StationError('LIFECYCLE_REPORT_REFUSED', { detail_vi: formatReportRefusal(r, 'vi'), detail_en: formatReportRefusal(r, 'en') }, r.code === 'PERIOD_INVALID' ? 'from' : undefined);
    default: {
      const unknown: never = r.code;
      return new StationError('LIFECYCLE_REPORT_REFUSED', { detail_vi: String(unknown), detail_en: String(unknown) });
    }
  }
}
