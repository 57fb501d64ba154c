import { z } from 'zod';
import { channel, none, withAccess, DISPLAY, READERS, RECEPTION } from './channel';
import { localDate, localDateTime } from './schemas';

// The screen facing the citizen (main/display): the officer's renderer pushes what it is typing
// about the citizen (`display.show`), the display shows it read-only and live (`display.current`,
// the `display.changed` event); after the slip or the return the officer asks for a rating and
// the citizen answers on the display (`rating.submit`). The display may call ONLY
// `display.current` and `rating.submit` (role `display`), and officers may not rate.

/** Free text as the officer typed it; the station cleans it (NFC, no control or invisible characters). */
const shown = (max: number) => z.string().max(max);

export const displayDetails = z.object({
  fullName: shown(100).optional(),
  /** Digits as typed so far (up to 12). */
  idNumber: z.string().max(20).regex(/^[\d ]*$/, 'chỉ gồm chữ số').optional(),
  birthDate: localDate.optional(),
  phone: z.string().max(20).regex(/^[\d +.()-]*$/, 'chỉ gồm chữ số').optional(),
  address: shown(300).optional(),
  /** The person submitting, when not the owner. */
  submitterName: shown(100).optional(),
  procedureName: shown(500).optional(),
  documents: z.array(z.object({
    name: shown(500),
    originals: z.number().int().min(0).max(99),
    certifiedCopies: z.number().int().min(0).max(99),
    copies: z.number().int().min(0).max(99),
  }).strict()).max(60).optional(),
  appointmentAt: localDateTime.optional(),
  resultDelivery: z.enum(['counter', 'post']).optional(),
}).strict();
export type DisplayDetails = z.infer<typeof displayDetails>;

/** The satisfaction levels, best first, as the citizen chooses them on the display. */
export const RATING_SCORES = [4, 3, 2, 1] as const;
export const ratingScore = z.literal(RATING_SCORES);
export type RatingScore = z.infer<typeof ratingScore>;

export const ratingMoment = z.enum(['intake', 'return']);
export type RatingMoment = z.infer<typeof ratingMoment>;

const agencyHeader = z.object({ name: z.string(), unitName: z.string() });

/** What the display shows: nothing yet, the details being typed, the rating question, a thank-you. */
export const displayView = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('idle'), rev: z.number().int(), agency: agencyHeader, welcome: z.string() }),
  z.object({ mode: z.literal('details'), rev: z.number().int(), agency: agencyHeader, title: z.string(), details: displayDetails }),
  z.object({
    mode: z.literal('rating'),
    rev: z.number().int(),
    agency: agencyHeader,
    visitId: z.uuid(),
    question: z.string(),
    officerName: z.string(),
    procedureName: z.string(),
    choices: z.array(z.object({ score: ratingScore, label: z.string() })),
    commentPrompt: z.string(),
  }),
  z.object({ mode: z.literal('thanks'), rev: z.number().int(), agency: agencyHeader, message: z.string() }),
]);
export type DisplayView = z.infer<typeof displayView>;

export const storedRating = z.object({
  visitId: z.string(),
  dossierCode: z.string(),
  moment: ratingMoment,
  score: ratingScore,
  label: z.string(),
  comment: z.string(),
  officerName: z.string(),
  ratedAt: localDateTime,
});

export const ratingIndicatorRow = z.object({
  day: localDate,
  officerId: z.string(),
  officerName: z.string(),
  asked: z.number().int(),
  rated: z.number().int(),
  /** Counts per level, best first: [very satisfied, satisfied, acceptable, dissatisfied]. */
  byScore: z.array(z.number().int()).length(4),
  averageScore: z.number().nullable(),
  /** Share of ratings that are satisfied or very satisfied (0–1). */
  satisfiedShare: z.number().nullable(),
});

export const displayChannels = withAccess({
  'display.show': channel(displayDetails, z.object({ rev: z.number().int() }), 'Show the citizen what the officer is typing about them'),
  'display.clear': channel(none, z.object({ rev: z.number().int() }), 'Back to the welcome screen (the citizen has left)'),
  'display.current': channel(none, displayView, 'What the screen facing the citizen shows now'),
  'display.askRating': channel(
    z.object({ dossierCode: z.string().min(1).max(60), moment: ratingMoment.default('intake') }).strict(),
    z.object({ visitId: z.uuid(), rev: z.number().int() }),
    'Ask the citizen to rate this visit on the display',
  ),
  'rating.submit': channel(
    z.object({ visitId: z.uuid(), score: ratingScore, comment: z.string().max(500).optional() }).strict(),
    z.object({ saved: z.literal(true), message: z.string() }),
    'The citizen’s rating of a visit, given on the display (once)',
  ),
  'rating.ofDossier': channel(z.object({ code: z.string().min(1).max(60) }).strict(), z.array(storedRating), 'The ratings given for a dossier'),
  'rating.indicators': channel(
    z.object({ from: localDate, to: localDate }).strict().refine((r) => r.from <= r.to, { message: 'từ ngày phải trước đến ngày', path: ['to'] }),
    z.array(ratingIndicatorRow),
    'Citizens’ satisfaction per day and officer',
  ),
}, {
  'display.show': RECEPTION,
  'display.clear': RECEPTION,
  // The officer's window may show a preview of what the citizen sees.
  'display.current': [...DISPLAY, ...RECEPTION],
  'display.askRating': RECEPTION,
  'rating.submit': DISPLAY,
  'rating.ofDossier': READERS,
  'rating.indicators': ['leader'],
});
