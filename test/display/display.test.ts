import { DISPLAY_OFFICER } from '../../main/contract/display-bridge';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayView } from '../../main/contract/display-channels';
import { formatError } from '../../main/core/errors';
import { displayErrors } from '../../main/display/messages';
import { eventQueue } from '../helpers/events';
import { openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';

// The screen facing the citizen, through the contract: what the officer types appears there
// cleaned, the officer asks for a rating, the citizen answers on the display (its own role), the
// rating is stored with the dossier and the officer and queued for the portal — once.

/** Calls made from the screen facing the citizen: a session of the display role (per station). */
const DISPLAY = 'display' as const;
const displaySessions = new WeakMap<TestStation, string>();
const sessionFor = (station: TestStation, call?: typeof DISPLAY) => {
  if (!call) return undefined;
  let id = displaySessions.get(station);
  if (!id) displaySessions.set(station, (id = station.sessions.open(DISPLAY_OFFICER, { idleLock: false }).id));
  return id;
};

async function ok<T>(station: TestStation, channel: string, payload: unknown, call?: typeof DISPLAY): Promise<T> {
  const answer = await station.dispatch(channel, payload, sessionFor(station, call));
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

async function refusedFor(station: TestStation, channel: string, payload: unknown, call?: typeof DISPLAY) {
  const answer = await station.dispatch(channel, payload, sessionFor(station, call));
  if (answer.ok) throw new Error(`${channel} answered ${JSON.stringify(answer.value)}`);
  return answer.error;
}

const count = (station: TestStation, table: string) => (station.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

afterEach(() => {
  vi.useRealTimers();
});

describe('the details the officer types, shown to the citizen', () => {
  it('shows them cleaned (NFC, no invisible or direction-changing characters), live through display.changed', async () => {
    const station = openTestStation();
    const changes = eventQueue(station.events, 'display.changed');
    expect(await ok(station, 'display.current', {}, DISPLAY)).toMatchObject({ mode: 'idle', agency: { name: 'UBND XÃ TIÊN DU' }, welcome: expect.stringMatching(/^Kính chào Ông\/Bà/) });
    const { rev } = await ok<{ rev: number }>(station, 'display.show', {
      fullName: '  Nguyễn\u200b Văn   Bình '.normalize('NFD'),
      idNumber: '001 090 012 345',
      birthDate: '1990-05-17',
      address: 'Số 12\u202e ngõ 34\tphố Tô Hiệu',
      procedureName: 'Thủ tục đăng ký khai sinh',
      documents: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, certifiedCopies: 0, copies: 0 }, { name: ' \u200d ', originals: 1, certifiedCopies: 0, copies: 0 }],
      appointmentAt: '2026-11-23T16:00',
    });
    const shown = await changes.next();
    expect(shown).toMatchObject({
      mode: 'details',
      rev,
      title: expect.stringMatching(/kiểm tra và báo ngay cho cán bộ/),
      details: {
        fullName: 'Nguyễn Văn Bình', idNumber: '001090012345', birthDate: '1990-05-17', address: 'Số 12 ngõ 34 phố Tô Hiệu',
        documents: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, certifiedCopies: 0, copies: 0 }], appointmentAt: '2026-11-23T16:00',
      },
    });
    expect(shown.mode === 'details' && shown.details.fullName).toBe('Nguyễn Văn Bình'.normalize('NFC'));
    expect(await ok(station, 'display.current', {}, DISPLAY)).toEqual(shown);
    expect(await ok<{ rev: number }>(station, 'display.clear', {})).toEqual({ rev: rev + 1 });
    expect((await changes.next()).mode).toBe('idle');
  });

  it('refuses what is not details: too long, letters in the number, unknown fields', async () => {
    const station = openTestStation();
    expect(await station.refused('display.show', { fullName: 'x'.repeat(101) })).toMatchObject({ code: 'TOO_LONG' });
    expect(await station.refused('display.show', { idNumber: '0010900A2345' })).toMatchObject({ code: 'VALIDATION', field: 'idNumber' });
    expect(await station.refused('display.show', { secret: 'x' })).toMatchObject({ code: 'VALIDATION' });
    expect((await ok<DisplayView>(station, 'display.current', {}, DISPLAY)).mode).toBe('idle');
  });
});

describe('a rating, given once on the display', () => {
  async function asked(moment: 'intake' | 'return' = 'intake') {
    const station = openTestStation();
    const dossier = await station.save(await station.validDraft());
    const changes = eventQueue(station.events, 'display.changed');
    const { visitId } = await ok<{ visitId: string }>(station, 'display.askRating', { dossierCode: dossier.code, moment });
    return { station, dossier, visitId, changes };
  }

  it('asks the citizen with a few large choices, and stores the answer with the dossier and the officer, queued for the portal', async () => {
    const { station, dossier, visitId, changes } = await asked();
    const question = await changes.next();
    expect(question).toMatchObject({
      mode: 'rating', visitId, officerName: 'Cán bộ tiếp nhận', procedureName: 'Thủ tục đăng ký khai sinh',
      question: 'Ông/Bà có hài lòng với việc tiếp nhận hồ sơ hôm nay không?',
      choices: [{ score: 4, label: 'Rất hài lòng' }, { score: 3, label: 'Hài lòng' }, { score: 2, label: 'Bình thường' }, { score: 1, label: 'Không hài lòng' }],
      commentPrompt: 'Góp ý thêm (không bắt buộc)',
    });
    const outbox = count(station, 'outbox');
    const ratings = eventQueue(station.events, 'rating.changed');
    station.clock.setLocal('2026-11-23T09:40');
    const saved = await ok(station, 'rating.submit', { visitId, score: 4, comment: '  Cán bộ hướng dẫn\u200b tận tình  ' }, DISPLAY);
    expect(saved).toEqual({ saved: true, message: 'Đã ghi nhận đánh giá "Rất hài lòng". Cảm ơn Ông/Bà!' });
    expect(await changes.next()).toMatchObject({ mode: 'thanks', message: expect.stringMatching(/^Cảm ơn Ông\/Bà đã đánh giá/) });
    expect(await ratings.next()).toEqual({ dossierCode: dossier.code });

    expect(await ok(station, 'rating.ofDossier', { code: dossier.code })).toEqual([
      { visitId, dossierCode: dossier.code, moment: 'intake', score: 4, label: 'Rất hài lòng', comment: 'Cán bộ hướng dẫn tận tình', officerName: 'Cán bộ tiếp nhận', ratedAt: '2026-11-23T09:40' },
    ]);
    // Queued for the portal in the same transaction, after the dossier's creation.
    expect(count(station, 'outbox')).toBe(outbox + 1);
    const entry = station.db.prepare("SELECT kind, payload FROM outbox ORDER BY id DESC LIMIT 1").get() as { kind: string; payload: string };
    expect(entry.kind).toBe('dossier.update');
    expect(JSON.parse(entry.payload)).toEqual({
      DanhGiaHaiLong: { IdLuot: visitId, GiaiDoan: 1, MucDo: 4, TenMucDo: 'Rất hài lòng', GopY: 'Cán bộ hướng dẫn tận tình', CanBoTiepNhan: 'Cán bộ tiếp nhận', MaCanBo: 'test-officer', ThoiGian: '20261123094000' },
    });
  });

  it('cannot be given twice for one visit, nor asked again for a moment already rated; the return is another visit', async () => {
    const { station, dossier, visitId } = await asked();
    await ok(station, 'rating.submit', { visitId, score: 3 }, DISPLAY);
    const before = { ratings: count(station, 'visit_ratings'), outbox: count(station, 'outbox') };
    const twice = await refusedFor(station, 'rating.submit', { visitId, score: 1 }, DISPLAY);
    expect(twice).toMatchObject({ code: 'RATING_ALREADY_GIVEN', message: `Lượt tiếp nhận của hồ sơ ${dossier.code} đã được đánh giá. Mỗi lượt chỉ đánh giá một lần và không ai sửa được đánh giá đã gửi.` });
    expect(await station.refused('display.askRating', { dossierCode: dossier.code })).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });
    expect({ ratings: count(station, 'visit_ratings'), outbox: count(station, 'outbox') }).toEqual(before);
    expect((await ok<Array<{ score: number }>>(station, 'rating.ofDossier', { code: dossier.code })).map((r) => r.score)).toEqual([3]);

    const back = await ok<{ visitId: string }>(station, 'display.askRating', { dossierCode: dossier.code, moment: 'return' });
    expect(await ok<DisplayView>(station, 'display.current', {}, DISPLAY)).toMatchObject({ mode: 'rating', question: 'Ông/Bà có hài lòng với việc trả kết quả hôm nay không?' });
    await ok(station, 'rating.submit', { visitId: back.visitId, score: 2 }, DISPLAY);
    expect((await ok<Array<{ moment: string }>>(station, 'rating.ofDossier', { code: dossier.code })).map((r) => r.moment)).toEqual(['intake', 'return']);
  });

  it('is refused to an officer: only the display rates', async () => {
    const { station, visitId } = await asked();
    const byOfficer = await station.refused('rating.submit', { visitId, score: 4 });
    // The channel's access (the display role only) refuses it before the handler runs.
    expect(byOfficer).toMatchObject({ code: 'ROLE_FORBIDDEN', message: expect.stringMatching(VIETNAMESE_TEXT) });
    expect(count(station, 'visit_ratings')).toBe(0);
  });

  it('refuses a rating for an unknown visit, and for a visit the officer moved on from, writing nothing', async () => {
    const { station, visitId } = await asked();
    const outbox = count(station, 'outbox');
    expect(await refusedFor(station, 'rating.submit', { visitId: randomUUID(), score: 4 }, DISPLAY)).toMatchObject({ code: 'RATING_VISIT_UNKNOWN', field: 'visitId', message: expect.stringMatching(VIETNAMESE_TEXT) });
    expect(await refusedFor(station, 'rating.submit', { visitId: 'not-a-visit', score: 4 }, DISPLAY)).toMatchObject({ code: 'VALIDATION' });
    expect(await refusedFor(station, 'rating.submit', { visitId, score: 5 }, DISPLAY)).toMatchObject({ code: 'VALIDATION' });
    await ok(station, 'display.show', { fullName: 'Trần Thị Mai' }); // the next citizen
    expect(await refusedFor(station, 'rating.submit', { visitId, score: 4 }, DISPLAY)).toMatchObject({ code: 'RATING_VISIT_CLOSED' });
    expect(count(station, 'visit_ratings')).toBe(0);
    expect(count(station, 'outbox')).toBe(outbox);
    expect(await station.refused('display.askRating', { dossierCode: '000.00.06.H56-261123-9999' })).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
  });

  it('asked twice while the citizen looks, is one visit; a restart closes a question nobody can answer any more', async () => {
    const { station, dossier, visitId } = await asked();
    expect(await ok<{ visitId: string }>(station, 'display.askRating', { dossierCode: dossier.code })).toMatchObject({ visitId });
    const again = station.reopen();
    expect((await ok<DisplayView>(again, 'display.current', {}, DISPLAY)).mode).toBe('idle');
    expect(await refusedFor(again, 'rating.submit', { visitId, score: 4 }, DISPLAY)).toMatchObject({ code: 'RATING_VISIT_CLOSED' });
    expect(await ok<{ visitId: string }>(again, 'display.askRating', { dossierCode: dossier.code })).not.toEqual({ visitId });
  });

  it('goes back to the welcome when the citizen does not answer, and after the thank-you', async () => {
    const { station, visitId } = await asked();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // (the question was shown before the fake clock: ask again to time it on the fake one)
    await ok(station, 'display.clear', {});
    const dossierCode = (station.db.prepare('SELECT code FROM dossiers').get() as { code: string }).code;
    const second = await ok<{ visitId: string }>(station, 'display.askRating', { dossierCode });
    expect(second.visitId).not.toBe(visitId);
    vi.advanceTimersByTime(180_000);
    expect((await ok<DisplayView>(station, 'display.current', {}, DISPLAY)).mode).toBe('idle');
    expect(await refusedFor(station, 'rating.submit', { visitId: second.visitId, score: 4 }, DISPLAY)).toMatchObject({ code: 'RATING_VISIT_CLOSED' });

    const third = await ok<{ visitId: string }>(station, 'display.askRating', { dossierCode });
    await ok(station, 'rating.submit', { visitId: third.visitId, score: 4 }, DISPLAY);
    expect((await ok<DisplayView>(station, 'display.current', {}, DISPLAY)).mode).toBe('thanks');
    vi.advanceTimersByTime(8_000);
    expect((await ok<DisplayView>(station, 'display.current', {}, DISPLAY)).mode).toBe('idle');
  });
});

describe('satisfaction in the indicators', () => {
  it('counts per day and officer: asked, rated, each level, average and the share satisfied', async () => {
    const station = openTestStation();
    const scores = [4, 4, 3, 1];
    for (const score of scores) {
      const dossier = await station.save(await station.validDraft());
      const { visitId } = await ok<{ visitId: string }>(station, 'display.askRating', { dossierCode: dossier.code });
      await ok(station, 'rating.submit', { visitId, score }, DISPLAY);
    }
    const unanswered = await station.save(await station.validDraft());
    await ok(station, 'display.askRating', { dossierCode: unanswered.code });
    expect(await ok(station, 'rating.indicators', { from: '2026-11-01', to: '2026-11-30' })).toEqual([
      { day: '2026-11-23', officerId: 'test-officer', officerName: 'Cán bộ tiếp nhận', asked: 5, rated: 4, byScore: [2, 1, 0, 1], averageScore: 3, satisfiedShare: 0.75 },
    ]);
  });
});

describe('the display’s messages', () => {
  it('has every message in Vietnamese and English', () => {
    for (const code of Object.keys(displayErrors) as Array<keyof typeof displayErrors>) {
      expect(formatError(code, { code: 'X', moment: 'tiếp nhận' }, 'vi'), code).toMatch(VIETNAMESE_TEXT);
      expect(formatError(code, { code: 'X', moment: 'intake' }, 'en'), code).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
