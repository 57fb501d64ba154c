import type { RatingMoment, RatingScore } from '../contract/display-channels';
import type { Db } from '../storage/database';
import { stmt } from '../storage/statements';

// Visits an officer asked the citizen to rate, and the citizens' ratings (migration 6). A rating
// row is written once; the schema's triggers refuse to change or remove it.

export type VisitRow = Readonly<{
  id: string;
  dossier_id: number;
  moment: RatingMoment;
  officer_id: string;
  officer_name: string;
  asked_at: number;
  asked_day: string;
  state: 'open' | 'rated' | 'closed';
}>;

export type RatingRow = Readonly<{
  visit_id: string;
  dossier_id: number;
  moment: RatingMoment;
  officer_id: string;
  officer_name: string;
  score: RatingScore;
  comment: string;
  rated_at: number;
}>;

export const ratingSql = {
  askedPerDay: `SELECT asked_day AS day, officer_id, max(officer_name) AS officer_name, count(*) AS asked
    FROM rating_visits WHERE asked_day >= ? AND asked_day <= ? GROUP BY asked_day, officer_id`,
  ratedPerDay: `SELECT rated_day AS day, officer_id, max(officer_name) AS officer_name, count(*) AS rated,
      sum(score = 4) AS s4, sum(score = 3) AS s3, sum(score = 2) AS s2, sum(score = 1) AS s1, avg(score) AS average
    FROM visit_ratings WHERE rated_day >= ? AND rated_day <= ? GROUP BY rated_day, officer_id`,
} as const;

export function insertVisit(db: Db, v: Omit<VisitRow, 'state'>): void {
  stmt(db, 'INSERT INTO rating_visits (id, dossier_id, moment, officer_id, officer_name, asked_at, asked_day) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    v.id, v.dossier_id, v.moment, v.officer_id, v.officer_name, v.asked_at, v.asked_day,
  );
}

export function getVisit(db: Db, id: string): VisitRow | undefined {
  return stmt(db, 'SELECT id, dossier_id, moment, officer_id, officer_name, asked_at, asked_day, state FROM rating_visits WHERE id = ?').get(id) as VisitRow | undefined;
}

export function openVisitOf(db: Db, dossierId: number, moment: RatingMoment): VisitRow | undefined {
  return stmt(db, "SELECT id, dossier_id, moment, officer_id, officer_name, asked_at, asked_day, state FROM rating_visits WHERE dossier_id = ? AND moment = ? AND state = 'open'").get(
    dossierId, moment,
  ) as VisitRow | undefined;
}

export function closeVisit(db: Db, id: string, at: number): void {
  stmt(db, "UPDATE rating_visits SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'").run(at, id);
}

/** At start: the display shows nothing any more, so no visit can still be answered. */
export function closeOpenVisits(db: Db, at: number): number {
  return stmt(db, "UPDATE rating_visits SET state = 'closed', closed_at = ? WHERE state = 'open'").run(at).changes;
}

export function ratingOf(db: Db, dossierId: number, moment: RatingMoment): RatingRow | undefined {
  return stmt(db, 'SELECT visit_id, dossier_id, moment, officer_id, officer_name, score, comment, rated_at FROM visit_ratings WHERE dossier_id = ? AND moment = ?').get(
    dossierId, moment,
  ) as RatingRow | undefined;
}

/** The rating, and the visit marked rated. Call inside a write transaction. */
export function insertRating(db: Db, r: RatingRow & Readonly<{ rated_day: string }>): void {
  stmt(
    db,
    'INSERT INTO visit_ratings (visit_id, dossier_id, moment, officer_id, officer_name, score, comment, rated_at, rated_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(r.visit_id, r.dossier_id, r.moment, r.officer_id, r.officer_name, r.score, r.comment, r.rated_at, r.rated_day);
  stmt(db, "UPDATE rating_visits SET state = 'rated', closed_at = ? WHERE id = ?").run(r.rated_at, r.visit_id);
}

export function ratingsOfDossier(db: Db, dossierId: number): RatingRow[] {
  return stmt(db, 'SELECT visit_id, dossier_id, moment, officer_id, officer_name, score, comment, rated_at FROM visit_ratings WHERE dossier_id = ? ORDER BY moment').all(
    dossierId,
  ) as RatingRow[];
}

export type AskedRow = Readonly<{ day: string; officer_id: string; officer_name: string; asked: number }>;
export type RatedRow = Readonly<{ day: string; officer_id: string; officer_name: string; rated: number; s4: number; s3: number; s2: number; s1: number; average: number }>;

export function ratingIndicators(db: Db, from: string, to: string): { asked: AskedRow[]; rated: RatedRow[] } {
  return {
    asked: stmt(db, ratingSql.askedPerDay).all(from, to) as AskedRow[],
    rated: stmt(db, ratingSql.ratedPerDay).all(from, to) as RatedRow[],
  };
}
