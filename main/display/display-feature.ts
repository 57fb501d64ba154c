import { randomUUID } from 'node:crypto';
import type { CallContext, Handlers } from '../contract/dispatch';
import { RATING_SCORES, type DisplayDetails, type DisplayView, type displayChannels, type RatingMoment, type RatingScore } from '../contract/display-channels';
import { StationError } from '../core/errors';
import { toVietnamLocal, vietnamToday } from '../core/time';
import type { StationContext } from '../feature';
import { portalTime } from '../portal/portal-record';
import { writeTransaction } from '../storage/database';
import { dossierCodeOf, requireDossier, requireDossierId } from '../storage/dossier-store';
import { enqueue, outboxCounts } from '../storage/outbox-store';
import { cleanDetails, cleanShown } from './clean-text';
import { displayMessage, displayText } from './messages';
import {
  closeOpenVisits, closeVisit, getVisit, insertRating, insertVisit, openVisitOf, ratingIndicators, ratingOf, ratingsOfDossier, type RatingRow,
} from './rating-store';

// The screen facing the citizen. What it shows lives here, in memory (a restart shows the
// welcome again): the details the officer is typing, pushed by the officer's renderer; the
// rating question for a visit the officer asked about; a thank-you. Ratings are stored with the
// dossier and the officer and queued for the portal in one transaction.

type DisplayChannel = keyof typeof displayChannels;

export type DisplayOptions = Readonly<{
  /** How long a rating question waits for the citizen (default 3 minutes). */
  ratingTimeoutMs?: number;
  /** How long the thank-you stays before the welcome (default 8 s). */
  thanksMs?: number;
}>;

const SCORE_TEXT = { 4: 'SCORE_4', 3: 'SCORE_3', 2: 'SCORE_2', 1: 'SCORE_1' } as const;
/** The portal's words for the moment of a visit. */
const PORTAL_MOMENT: Readonly<Record<RatingMoment, number>> = { intake: 1, return: 2 };

type Showing =
  | Readonly<{ mode: 'idle' }>
  | Readonly<{ mode: 'details'; details: DisplayDetails }>
  | Readonly<{ mode: 'rating'; visitId: string; moment: RatingMoment; officerName: string; procedureName: string }>
  | Readonly<{ mode: 'thanks' }>;

export function displayHandlers(ctx: StationContext, options: DisplayOptions = {}): Pick<Handlers, DisplayChannel> {
  const { db } = ctx;
  const ratingTimeoutMs = options.ratingTimeoutMs ?? 180_000;
  const thanksMs = options.thanksMs ?? 8_000;
  let showing: Showing = { mode: 'idle' };
  let rev = 0;
  let timer: NodeJS.Timeout | undefined;

  // Whatever was on the display before a restart is gone: nothing can answer an old question.
  closeOpenVisits(db, ctx.now().getTime());
  ctx.onClose(() => { if (timer) clearTimeout(timer); });

  const view = (): DisplayView => {
    const lang = ctx.language();
    const { agency } = ctx.settings();
    const header = { name: agency.name, unitName: agency.unitName };
    switch (showing.mode) {
      case 'idle': return { mode: 'idle', rev, agency: header, welcome: displayMessage('WELCOME', {}, lang) };
      case 'details': return { mode: 'details', rev, agency: header, title: displayMessage('DETAILS_TITLE', {}, lang), details: showing.details };
      case 'rating':
        return {
          mode: 'rating', rev, agency: header, visitId: showing.visitId,
          question: displayMessage(showing.moment === 'intake' ? 'QUESTION_INTAKE' : 'QUESTION_RETURN', {}, lang),
          officerName: showing.officerName, procedureName: showing.procedureName,
          choices: RATING_SCORES.map((score) => ({ score, label: displayMessage(SCORE_TEXT[score], {}, lang) })),
          commentPrompt: displayMessage('COMMENT_PROMPT', {}, lang),
        };
      case 'thanks': return { mode: 'thanks', rev, agency: header, message: displayMessage('THANKS', {}, lang) };
      default: {
        const never: never = showing;
        throw new Error(`Unhandled display mode ${String(never)}`);
      }
    }
  };

  /** Shows something else; a question left unanswered is closed (its visit can no longer be rated). */
  const show = (next: Showing, after?: Readonly<{ ms: number; then: () => void }>): number => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (showing.mode === 'rating' && !(next.mode === 'rating' && next.visitId === showing.visitId)) closeVisit(db, showing.visitId, ctx.now().getTime());
    showing = next;
    rev += 1;
    if (after) {
      timer = setTimeout(after.then, after.ms);
      timer.unref();
    }
    ctx.events.emit('display.changed', view());
    return rev;
  };
  const idle = () => show({ mode: 'idle' });

  // Inside a sentence: not capitalised as a message is.
  const momentWord = (m: RatingMoment) => displayText[m === 'intake' ? 'MOMENT_INTAKE' : 'MOMENT_RETURN'][ctx.language()];

  const requireOfficer = (call: CallContext | undefined) => {
    if (!call?.officer) throw new StationError('DISPLAY_OFFICER_REQUIRED');
    return call.officer;
  };

  const storedView = (r: RatingRow) => ({
    visitId: r.visit_id,
    dossierCode: dossierCodeOf(db, r.dossier_id),
    moment: r.moment,
    score: r.score,
    label: displayMessage(SCORE_TEXT[r.score], {}, ctx.language()),
    comment: r.comment,
    officerName: r.officer_name,
    ratedAt: toVietnamLocal(new Date(r.rated_at)),
  });

  return {
    'display.show': (details) => ({ rev: show({ mode: 'details', details: cleanDetails(details) }) }),
    'display.clear': () => ({ rev: idle() }),
    'display.current': () => view(),

    'display.askRating': ({ dossierCode, moment }, call) => {
      const officer = requireOfficer(call);
      const dossier = requireDossier(db, dossierCode);
      const dossierId = requireDossierId(db, dossier.code);
      const code = dossier.code;
      if (ratingOf(db, dossierId, moment)) {
        throw new StationError('RATING_ALREADY_GIVEN', { code, moment: momentWord(moment) });
      }
      const now = ctx.now();
      const visitId = writeTransaction(db, () => {
        const open = openVisitOf(db, dossierId, moment);
        if (open) return open.id; // asked again (the citizen looked away): the same visit
        const id = randomUUID();
        insertVisit(db, { id, dossier_id: dossierId, moment, officer_id: officer.id, officer_name: officer.name, asked_at: now.getTime(), asked_day: vietnamToday(now) });
        return id;
      });
      const r = show(
        { mode: 'rating', visitId, moment, officerName: getVisit(db, visitId)!.officer_name, procedureName: dossier.procedureName },
        { ms: ratingTimeoutMs, then: idle },
      );
      return { visitId, rev: r };
    },

    'rating.submit': ({ visitId, score, comment }, call) => {
      // Officers never rate: only the display (its own role) may.
      if (!call?.officer?.roles.includes('display')) throw new StationError('RATING_DISPLAY_ONLY');
      const lang = ctx.language();
      const visit = getVisit(db, visitId);
      if (!visit) throw new StationError('RATING_VISIT_UNKNOWN', {}, 'visitId');
      const code = dossierCodeOf(db, visit.dossier_id);
      if (visit.state === 'rated' || ratingOf(db, visit.dossier_id, visit.moment)) throw new StationError('RATING_ALREADY_GIVEN', { code, moment: momentWord(visit.moment) }, 'visitId');
      if (visit.state !== 'open') throw new StationError('RATING_VISIT_CLOSED', {}, 'visitId');
      const text = cleanShown(comment ?? '').slice(0, 500);
      const now = ctx.now();
      const label = displayMessage(SCORE_TEXT[score as RatingScore], {}, 'vi');
      writeTransaction(db, () => {
        insertRating(db, {
          visit_id: visit.id, dossier_id: visit.dossier_id, moment: visit.moment, officer_id: visit.officer_id, officer_name: visit.officer_name,
          score, comment: text, rated_at: now.getTime(), rated_day: vietnamToday(now),
        });
        enqueue(db, {
          dossierId: visit.dossier_id,
          kind: 'dossier.update',
          idempotencyKey: randomUUID(),
          payload: {
            DanhGiaHaiLong: {
              IdLuot: visit.id, GiaiDoan: PORTAL_MOMENT[visit.moment], MucDo: score, TenMucDo: label, GopY: text,
              CanBoTiepNhan: visit.officer_name, MaCanBo: visit.officer_id, ThoiGian: portalTime(toVietnamLocal(now)),
            },
          },
          at: now.getTime(),
        });
      });
      if (showing.mode === 'rating' && showing.visitId === visit.id) showing = { mode: 'idle' }; // answered: not closed
      show({ mode: 'thanks' }, { ms: thanksMs, then: idle });
      ctx.events.emit('outbox.changed', outboxCounts(db));
      ctx.events.emit('rating.changed', { dossierCode: code });
      return { saved: true as const, message: displayMessage('SAVED', { label: displayMessage(SCORE_TEXT[score as RatingScore], {}, lang) }, lang) };
    },

    'rating.ofDossier': ({ code }) => ratingsOfDossier(db, requireDossierId(db, code)).map(storedView),

    'rating.indicators': ({ from, to }) => {
      const { asked, rated } = ratingIndicators(db, from, to);
      const rows = new Map<string, { day: string; officerId: string; officerName: string; asked: number; rated: number; byScore: number[]; average: number | null }>();
      const key = (day: string, officer: string) => `${day}\u0000${officer}`;
      for (const a of asked) rows.set(key(a.day, a.officer_id), { day: a.day, officerId: a.officer_id, officerName: a.officer_name, asked: a.asked, rated: 0, byScore: [0, 0, 0, 0], average: null });
      for (const r of rated) {
        const row = rows.get(key(r.day, r.officer_id)) ?? { day: r.day, officerId: r.officer_id, officerName: r.officer_name, asked: 0, rated: 0, byScore: [0, 0, 0, 0], average: null };
        rows.set(key(r.day, r.officer_id), { ...row, rated: r.rated, byScore: [r.s4, r.s3, r.s2, r.s1], average: Math.round(r.average * 100) / 100 });
      }
      return [...rows.values()]
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.officerName.localeCompare(b.officerName, 'vi')))
        .map((r) => ({
          day: r.day, officerId: r.officerId, officerName: r.officerName, asked: r.asked, rated: r.rated, byScore: r.byScore,
          averageScore: r.average,
          satisfiedShare: r.rated === 0 ? null : Math.round(((r.byScore[0]! + r.byScore[1]!) / r.rated) * 1000) / 1000,
        }));
    },
  };
}
