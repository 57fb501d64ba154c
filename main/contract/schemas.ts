import { z } from 'zod';
import type { Dossier, DossierSummary as CoreDossierSummary, IntakeForm } from '../core/model';
import { isValidLocalDate, isValidLocalDateTime } from '../core/time';

// Shapes that cross a channel. Length limits are the UI's limits: an oversized string is
// refused here, before any handler runs.

// Real calendar dates only: 2026-02-30 or 25:00 never reach the working calendar.
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine(isValidLocalDate, 'ngày không có thật');
export const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:mm').refine(isValidLocalDateTime, 'thời điểm không có thật');
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1);
const count = z.number().int().min(0).max(99);

export const processingTime = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('day'), amount: z.number().min(0).max(365) }),
  z.object({ unit: z.literal('hour'), amount: z.number().min(0).max(2000) }),
  z.object({ unit: z.literal('same_day'), cutoff: clockTime }),
]);

export const requiredDocument = z.object({
  code: required(20),
  name: required(500),
  originals: count,
  certifiedCopies: count,
  copies: count,
  mandatory: z.boolean(),
});

export const fee = z.object({ name: required(200), amountVnd: z.number().int().min(0), note: text(300).optional() });

export const procedure = z.object({
  code: required(20),
  name: required(500),
  field: required(200),
  level: z.enum(['commune', 'province']),
  processingTime,
  fees: z.array(fee).max(20),
  documents: z.array(requiredDocument).max(50),
  sets: z.number().int().min(1).max(20),
  demo: z.boolean(),
});

export const procedureSummary = procedure.pick({ code: true, name: true, field: true, processingTime: true, demo: true });

// Intake forms check only types and lengths here; emptiness and formats are checked by the core
// (main/core/intake.ts) so that one answer lists every problem of the form, each with its field.
export const person = z.object({
  fullName: text(100),
  idNumber: text(12),
  birthDate: text(10),
  phone: text(20),
  email: text(254).optional(),
  address: text(300),
});

export const submitter = z.object({
  fullName: text(100),
  idNumber: text(12).optional(),
  phone: text(20).optional(),
});

export const resultDelivery = z.discriminatedUnion('method', [
  z.object({ method: z.literal('counter') }),
  z.object({ method: z.literal('post'), address: text(300) }),
]);

export const receivedDocument = z.object({
  code: required(20),
  originals: count,
  certifiedCopies: count,
  copies: count,
});

/** What the intake form sends. `intakeKey` is minted when the form opens (idempotent save). */
export const dossierDraft = z.object({
  intakeKey: z.uuid(),
  procedureCode: text(20),
  owner: person,
  submitter: submitter.nullable(),
  resultDelivery,
  documents: z.array(receivedDocument).max(50),
  sets: z.number().int().min(1).max(20),
  notes: text(1000),
});

export const appointment = z.object({
  receivedAt: localDateTime,
  countingFrom: localDateTime,
  appointmentAt: localDateTime,
});

export const dossierStatus = z.number().int().min(1).max(10);

export const dossierSummary = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  status: dossierStatus,
  ownerName: z.string(),
  ownerIdNumber: z.string(),
  ownerPhone: z.string(),
  ownerAddress: z.string(),
  receivedAt: localDateTime,
  appointmentAt: localDateTime,
  logBookLine: z.number().int(),
});

export const submissionChannel = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const dossierView = dossierSummary.extend({
  channel: submissionChannel,
  processingTime,
  owner: person,
  submitter: submitter.nullable(),
  resultDelivery,
  documents: z.array(z.object({ code: z.string(), name: z.string(), originals: count, certifiedCopies: count, copies: count })),
  sets: z.number().int(),
  notes: z.string(),
  countingFrom: localDateTime,
  logBookVolume: z.string(),
  officerName: z.string(),
  pendingSync: z.number().int().min(0),
  /** Issued offline without a leased number: the slip says so until the portal gives the final code. */
  codeIsProvisional: z.boolean(),
});

export const calendarDay = z.object({
  date: localDate,
  kind: z.enum(['holiday', 'compensatory', 'makeup_workday']),
  name: required(120),
});

export const workingSegment = z.object({ start: clockTime, end: clockTime });

export const agencyProfile = z.object({
  parentName: required(200),
  name: required(200),
  unitName: required(200),
  placeName: required(100),
  /** National agency identifier (mã định danh cơ quan), e.g. "000.00.06.H56". */
  agencyId: required(40).regex(/^[A-Za-z0-9.]+$/),
  resultCounter: required(200),
  demo: z.boolean(),
});

export const stationSettings = z.object({
  /** Tokens: {agency} {yyyy} {yy} {MM} {dd} {station} {seq:N}. */
  codeFormat: required(80),
  stationNumber: z.number().int().min(1).max(99),
  officerName: required(100),
  lookupUrlTemplate: required(300),
  slipPaper: z.enum(['A4', 'A5']),
  slipCopies: z.union([z.literal(1), z.literal(2)]),
  language: z.enum(['vi', 'en']),
  workingHours: z.array(workingSegment).min(1).max(4),
  appointmentRoundingMinutes: z.number().int().min(1).max(240),
  /** Minutes without a keystroke after which the station locks (the form stays behind the lock). */
  idleLockMinutes: z.number().int().min(1).max(240),
});

export const printerInfo = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() });

export type DossierDraft = z.infer<typeof dossierDraft>;
export type DossierView = z.infer<typeof dossierView>;
export type DossierSummary = z.infer<typeof dossierSummary>;

// These schemas describe the core's domain types (main/core/model.ts; a view adds the summary's
// owner columns and the sync count): the compiler checks each
// way that they agree, so there is one dossier, not a contract copy drifting from the core's.
type Agrees<Wire, Core> = [DeepReadonly<Wire>] extends [DeepReadonly<Core>] ? ([DeepReadonly<Core>] extends [DeepReadonly<Wire>] ? true : false) : false;
type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
const agreements: [Agrees<DossierDraft, IntakeForm>, Agrees<Omit<DossierView, 'pendingSync' | 'ownerName' | 'ownerIdNumber' | 'ownerPhone' | 'ownerAddress'>, Dossier>, Agrees<DossierSummary, CoreDossierSummary>] = [true, true, true];
void agreements;
export type AgencyProfile = z.infer<typeof agencyProfile>;
export type StationSettings = z.infer<typeof stationSettings>;
export type CalendarDayInput = z.infer<typeof calendarDay>;
export type Appointment = z.infer<typeof appointment>;
export type PrinterInfo = z.infer<typeof printerInfo>;
