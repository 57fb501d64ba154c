import { z } from 'zod';
import { channel, none, withAccess, COUNTER, OFFICERS, PUBLIC, READERS, RECEPTION, TECHNICIAN } from './channel';
import * as s from './schemas';

// The intake feature's channels (main/intake): the catalogue, the working calendar, the
// settings, receiving a dossier, the log book and search, the appointment slip.

/** Intake, catalogue, calendar, log book and slip: the foundation's channels. */
export const intakeChannels = withAccess({
  'app.info': channel(
    none,
    z.object({
      version: z.string(),
      host: z.enum(['electron', 'web']),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      now: s.localDateTime,
      canPrint: z.boolean(),
    }),
    'Station version, host kind and data folder',
  ),
  'settings.get': channel(none, z.object({ agency: s.agencyProfile, station: s.stationSettings }), 'Agency profile and station settings'),
  'settings.update': channel(
    z.object({ agency: s.agencyProfile.partial().optional(), station: s.stationSettings.partial().optional() }).strict(),
    z.object({ agency: s.agencyProfile, station: s.stationSettings }),
    'Change the agency profile or station settings',
  ),
  'catalogue.search': channel(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    z.array(s.procedureSummary),
    'Find procedures by a few letters (diacritics optional) or by code',
  ),
  'catalogue.get': channel(z.object({ code: z.string().min(1).max(20) }).strict(), s.procedure, 'One procedure with its documents'),
  'calendar.list': channel(
    z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    z.object({ days: z.array(s.calendarDay), workingHours: z.array(s.workingSegment) }),
    'Holidays, compensatory days and make-up Saturdays of a year',
  ),
  'calendar.put': channel(s.calendarDay.strict(), z.array(s.calendarDay), 'Add or change one calendar day'),
  'calendar.remove': channel(z.object({ date: s.localDate }).strict(), z.array(s.calendarDay), 'Remove one calendar day'),
  'calendar.reseed': channel(
    z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    z.array(s.calendarDay),
    'Restore the statutory defaults of a year',
  ),
  'appointment.preview': channel(
    z.object({ procedureCode: z.string().min(1).max(20), receivedAt: s.localDateTime.optional() }).strict(),
    s.appointment,
    'Appointment time if the dossier were received now (or at receivedAt)',
  ),
  'identity.describe': channel(
    z.object({ idNumber: z.string().max(12) }).strict(),
    z.object({ provinceName: z.string(), gender: z.enum(['male', 'female']), birthYear: z.number().int() }),
    'What a 12-digit identity number says: province of registration, gender, birth year',
  ),
  'dossier.validate': channel(s.dossierDraft, z.object({ ok: z.literal(true) }), 'Check an intake form; errors come back per field'),
  'dossier.save': channel(s.dossierDraft, s.dossierView, 'Receive a dossier: code, log-book line, outbox entry, in one transaction'),
  'dossier.get': channel(z.object({ code: z.string().min(1).max(60) }).strict(), s.dossierView, 'One dossier'),
  'dossier.logbook': channel(
    z.object({ date: s.localDate.optional() }).strict(),
    z.array(s.dossierSummary),
    'Dossiers received on a day (today by default)',
  ),
  'dossier.recent': channel(
    z.object({ idNumber: z.string().regex(/^\d{12}$/), procedureCode: z.string().min(1).max(20), days: z.number().int().min(1).max(90).default(7) }).strict(),
    z.array(s.dossierSummary),
    'Dossiers of the same person for the same procedure received in the last days (a warning, never a block)',
  ),
  'dossier.search': channel(
    z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.array(s.dossierSummary),
    'Search by name, identity number, phone or code, diacritics-insensitive',
  ),
  'slip.pdf': channel(
    z.object({ code: z.string().min(1).max(60), paper: z.enum(['A4', 'A5']).optional(), copies: z.union([z.literal(1), z.literal(2)]).optional() }).strict(),
    z.object({ fileName: z.string(), base64: z.string() }),
    'The appointment slip (Mẫu 01) as a PDF',
  ),
  'printers.list': channel(none, z.array(s.printerInfo), 'Printers the host can print to'),
  'slip.print': channel(
    z.object({ code: z.string().min(1).max(60), printer: z.string().max(200).optional(), paper: z.enum(['A4', 'A5']).optional(), copies: z.union([z.literal(1), z.literal(2)]).optional() }).strict(),
    z.object({ printed: z.boolean(), printer: z.string() }),
    'Print the appointment slip on a printer',
  ),
}, {
  'app.info': PUBLIC,
  'settings.get': PUBLIC, // the agency's name heads the login screen
  'settings.update': TECHNICIAN,
  'catalogue.search': OFFICERS,
  'catalogue.get': OFFICERS,
  'calendar.list': OFFICERS,
  'calendar.put': TECHNICIAN,
  'calendar.remove': TECHNICIAN,
  'calendar.reseed': TECHNICIAN,
  'appointment.preview': RECEPTION,
  'identity.describe': RECEPTION,
  'dossier.validate': RECEPTION,
  'dossier.save': RECEPTION,
  'dossier.get': READERS,
  'dossier.logbook': READERS,
  'dossier.recent': RECEPTION,
  'dossier.search': READERS,
  'slip.pdf': READERS,
  'printers.list': COUNTER,
  'slip.print': RECEPTION,
});

