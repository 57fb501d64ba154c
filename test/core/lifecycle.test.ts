import { describe, expect, it } from 'vitest';
import { defaultCalendarDays } from '../../main/core/calendar/holidays';
import { WorkingCalendar } from '../../main/core/calendar/working-calendar';
import {
  checkTransition,
  DOSSIER_STATUSES,
  eventFor,
  FINAL_STATUSES,
  LIFECYCLE_EVENTS,
  possibleEvents,
  statusLabel,
  TRANSITIONS,
  type AppointmentContext,
  type DossierLifecycleState,
  type DossierStatus,
  type TransitionAllowed,
  type TransitionRequest,
  type TransitionResult,
} from '../../main/core/lifecycle';
import {
  formatLifecycleRefusal,
  formatLifecycleWarning,
  LIFECYCLE_REFUSAL_MESSAGES,
  LIFECYCLE_WARNING_MESSAGES,
} from '../../main/core/lifecycle-messages';

// The test's own clock: Monday 23/11/2026 09:32 (as test/helpers/station.ts), and later moments from it.
const calendar = new WorkingCalendar({ days: [2026, 2027].flatMap(defaultCalendarDays) });
const context: AppointmentContext = { calendar, processingTime: { unit: 'day', amount: 5 } };
const AUTHORISED_ID = '027190001234';

function allowed(r: TransitionResult): TransitionAllowed {
  if (!r.ok) throw new Error(`expected allowed, got ${r.code} ${JSON.stringify(r.params)}`);
  return r;
}

/** Applies a sequence of requests, each checked against the state the previous one gave. */
function run(state: DossierLifecycleState, steps: ReadonlyArray<TransitionRequest>, ctx: AppointmentContext = context): TransitionAllowed[] {
  const out: TransitionAllowed[] = [];
  let s = state;
  for (const step of steps) {
    const r = allowed(checkTransition(s, step, ctx));
    out.push(r);
    s = r.next;
  }
  return out;
}

const fresh: DossierLifecycleState = { status: null };

describe('the status table', () => {
  it('names the ten national statuses in Vietnamese and English', () => {
    expect(Object.keys(DOSSIER_STATUSES)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(DOSSIER_STATUSES[5].vi).toBe('Yêu cầu bổ sung giấy tờ');
    expect(DOSSIER_STATUSES[10]).toEqual({ vi: 'Đã trả kết quả', en: 'Result returned' });
    expect(statusLabel(5, 'vi')).toBe('5 – Yêu cầu bổ sung giấy tờ');
    expect(statusLabel(null, 'en')).toBe('not recorded');
  });

  it('asks a reason for refusal, supplement, withdrawal, stop and apology, and gives each its form', () => {
    const byTarget = (to: DossierStatus) => TRANSITIONS.filter((t) => t.to === to && t.event !== 'apologise');
    for (const to of [3, 5, 7, 8] as const) {
      expect(byTarget(to).length, `to ${to}`).toBeGreaterThan(0);
      for (const t of byTarget(to)) expect(t.reasonRequired, `${t.event} ${t.from}→${t.to}`).toBe(true);
    }
    for (const t of byTarget(5)) expect(t.form).toBe('supplement_request');
    for (const t of byTarget(3)) expect(t.form).toBe('refusal');
    for (const t of byTarget(8)) expect(t.form).toBe('stop_notice');
    for (const t of byTarget(10)) expect([t.form, t.needs]).toEqual(['result_handover', ['handover']]);
    const apologies = TRANSITIONS.filter((t) => t.event === 'apologise');
    expect(apologies.map((t) => [t.from, t.to])).toEqual([[2, 2], [4, 4], [6, 6]]);
    for (const t of apologies) expect([t.form, t.reasonRequired, t.needs]).toEqual(['apology', true, ['new_appointment']]);
  });

  it('lets nothing leave a final status, and every event has a rule', () => {
    for (const t of TRANSITIONS) if (t.from !== null) expect(FINAL_STATUSES.has(t.from), `${t.event} from ${t.from}`).toBe(false);
    for (const e of LIFECYCLE_EVENTS) expect(TRANSITIONS.some((t) => t.event === e), e).toBe(true);
  });
});

describe('a dossier through its life', () => {
  it('received at the counter, processed, supplemented (clock paused), finished and returned to an authorised person', () => {
    const steps = run(fresh, [
      { event: 'receive', cause: 'counter', at: '2026-11-23T09:32' },
      { event: 'start_processing', cause: 'counter', at: '2026-11-23T10:15' },
      { event: 'request_supplement', cause: 'feed', at: '2026-11-25T10:00', reason: 'Thiếu giấy tờ chứng minh nơi cư trú', supplementItems: ['Bản sao Giấy xác nhận thông tin về cư trú', '  '] },
      { event: 'complete_supplement', cause: 'counter', at: '2026-12-01T14:10' },
      { event: 'finish', cause: 'feed', at: '2026-12-03T15:00' },
      {
        event: 'return_result',
        cause: 'counter',
        at: '2026-12-04T08:20',
        handover: { receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: AUTHORISED_ID }, delivery: { method: 'counter' }, officerName: 'Đặng Quốc Bảo' },
      },
    ]);
    expect(steps.map((s) => [s.from, s.to, s.form ?? null])).toEqual([
      [null, 2, 'receipt_slip'],
      [2, 4, 'processing_control'],
      [4, 5, 'supplement_request'],
      [5, 4, 'receipt_slip'],
      [4, 9, null],
      [9, 10, 'result_handover'],
    ]);
    expect(steps[0]?.appointment).toEqual({ countingFrom: '2026-11-23T09:32', appointmentAt: '2026-11-30T09:00' });
    expect(steps[2]?.supplementItems).toEqual(['Bản sao Giấy xác nhận thông tin về cư trú']);
    expect(steps[2]?.next).toMatchObject({ status: 5, statusBeforeSupplement: 4, supplementRequestedAt: '2026-11-25T10:00' });
    // Paused: 1380 working minutes were left on Wed 25/11 10:00 → Fri 4/12 11:00.
    expect(steps[3]?.appointment?.appointmentAt).toBe('2026-12-04T11:00');
    expect(steps[3]?.next).toMatchObject({ status: 4, receivedAt: '2026-11-23T09:32', appointmentAt: '2026-12-04T11:00' });
    expect(steps[3]?.next.supplementRequestedAt).toBeUndefined();
    const last = steps[5]?.next;
    expect(last).toMatchObject({ status: 10, finishedAt: '2026-12-03T15:00', returnedAt: '2026-12-04T08:20', lastChangedAt: '2026-12-04T08:20' });
  });

  it('restarts the processing time when the agency counts it again', () => {
    const [, , , completed] = run(
      fresh,
      [
        { event: 'receive', cause: 'counter', at: '2026-11-23T09:32' },
        { event: 'start_processing', cause: 'feed', at: '2026-11-23T14:00' },
        { event: 'request_supplement', cause: 'feed', at: '2026-11-25T10:00', reason: 'Thiếu tờ khai', supplementItems: ['Tờ khai'] },
        { event: 'complete_supplement', cause: 'counter', at: '2026-12-01T14:10' },
      ],
      { ...context, supplementRule: 'restart' },
    );
    expect(completed?.appointment?.appointmentAt).toBe('2026-12-08T14:00');
  });

  it('handles a counter procedure at the counter: 2 → 9 → 10 within minutes', () => {
    const state: DossierLifecycleState = { status: null, counterProcessed: true };
    const steps = run(state, [
      { event: 'receive', cause: 'counter', at: '2026-11-23T09:32' },
      { event: 'finish_at_counter', cause: 'counter', at: '2026-11-23T09:40' },
      { event: 'return_result', cause: 'counter', at: '2026-11-23T09:41', handover: { receiver: { kind: 'owner' }, delivery: { method: 'counter' }, officerName: 'Đặng Quốc Bảo' } },
    ], { calendar, processingTime: { unit: 'same_day', cutoff: '15:00' } });
    expect(steps.map((s) => s.to)).toEqual([2, 9, 10]);
    // Other procedures cannot skip the back office.
    const r = checkTransition({ status: 2, lastChangedAt: '2026-11-23T09:32' }, { event: 'finish_at_counter', cause: 'counter', at: '2026-11-23T09:40' });
    expect(r).toEqual({ ok: false, code: 'NOT_COUNTER_PROCESSED', params: {} });
    expect(checkTransition({ status: 2, counterProcessed: true }, { event: 'finish_at_counter', cause: 'feed', at: '2026-11-23T09:40' })).toMatchObject({ ok: false, code: 'CAUSE_NOT_ALLOWED' });
  });

  it('incomplete papers at the counter: not received, Mẫu 02, then received with a fresh appointment when the papers come', () => {
    const [asked, received] = run(fresh, [
      { event: 'request_supplement', cause: 'counter', at: '2026-11-23T09:32', reason: 'Thiếu bản chính Giấy chứng sinh', supplementItems: ['Giấy chứng sinh (bản chính)'] },
      { event: 'complete_supplement', cause: 'counter', at: '2026-11-24T08:05' },
    ]);
    expect(asked?.next.receivedAt).toBeUndefined();
    expect(asked?.next.statusBeforeSupplement).toBeNull();
    expect(received).toMatchObject({ from: 5, to: 2, form: 'receipt_slip' });
    expect(received?.next).toMatchObject({ receivedAt: '2026-11-24T08:05', appointmentAt: '2026-12-01T08:00' });
  });

  it('an online registration asked to complete goes to 2 when the papers come, and can be refused', () => {
    const [registered, asked, completed] = run(fresh, [
      { event: 'register_online', cause: 'feed', at: '2026-11-22T20:00' },
      { event: 'request_supplement', cause: 'counter', at: '2026-11-23T09:32', reason: 'Ảnh chụp tờ khai bị mờ', supplementItems: ['Tờ khai (bản rõ nét)'] },
      { event: 'complete_supplement', cause: 'feed', at: '2026-11-23T15:00' },
    ]);
    expect([registered?.to, asked?.to, completed?.to]).toEqual([1, 5, 2]);
    const refusal = checkTransition(registered!.next, { event: 'refuse', cause: 'counter', at: '2026-11-23T09:32', reason: 'Không thuộc thẩm quyền giải quyết của UBND xã' });
    expect(refusal).toMatchObject({ ok: true, from: 1, to: 3, form: 'refusal', reason: 'Không thuộc thẩm quyền giải quyết của UBND xã' });
  });

  it('a supplement asked right after reception returns to 2 with the clock resumed', () => {
    const [, , back] = run(fresh, [
      { event: 'receive', cause: 'counter', at: '2026-11-23T09:32' },
      { event: 'request_supplement', cause: 'counter', at: '2026-11-23T10:00', reason: 'Thiếu chữ ký', supplementItems: ['Tờ khai có chữ ký'] },
      { event: 'complete_supplement', cause: 'counter', at: '2026-11-24T10:00' },
    ]);
    // Left at Mon 10:00 until Mon 30/11 09:00: 300 + 4 × 480 + 120 = 2340 min; from Tue 24/11 10:00 → Tue 1/12 09:00.
    expect(back).toMatchObject({ from: 5, to: 2 });
    expect(back?.next.appointmentAt).toBe('2026-12-01T09:00');
  });

  it('a supplement asked after the appointment had passed keeps the old one and warns', () => {
    const late: DossierLifecycleState = { status: 5, receivedAt: '2026-11-16T09:00', appointmentAt: '2026-11-23T09:00', statusBeforeSupplement: 4, supplementRequestedAt: '2026-11-24T10:00', lastChangedAt: '2026-11-24T10:00' };
    const r = allowed(checkTransition(late, { event: 'complete_supplement', cause: 'counter', at: '2026-11-25T08:00' }, context));
    expect(r.next.appointmentAt).toBe('2026-11-23T09:00');
    expect(r.warnings.map((w) => w.code)).toEqual(['SUPPLEMENT_ALREADY_LATE']);
  });

  it('withdrawal and stop need a reason and end the dossier', () => {
    const processing: DossierLifecycleState = { status: 4, receivedAt: '2026-11-23T09:32', appointmentAt: '2026-11-30T09:00', lastChangedAt: '2026-11-23T10:00' };
    const noReason = checkTransition(processing, { event: 'withdraw', cause: 'counter', at: '2026-11-24T09:00', reason: ' \n ' });
    expect(noReason).toEqual({ ok: false, code: 'REASON_REQUIRED', params: { event: 'withdraw' } });
    const withdrawn = allowed(checkTransition(processing, { event: 'withdraw', cause: 'counter', at: '2026-11-24T09:00', reason: 'Công dân xin rút  hồ sơ'.normalize('NFD') }));
    expect(withdrawn).toMatchObject({ to: 7, reason: 'Công dân xin rút hồ sơ' });
    expect(withdrawn.form).toBeUndefined();
    const stopped = allowed(checkTransition(processing, { event: 'stop_processing', cause: 'feed', at: '2026-11-24T09:00', reason: 'Có tranh chấp' }));
    expect(stopped).toMatchObject({ to: 8, form: 'stop_notice' });
    for (const end of [withdrawn.next, stopped.next]) {
      expect(checkTransition(end, { event: 'finish', cause: 'feed', at: '2026-11-25T09:00' })).toMatchObject({ ok: false, code: 'STATUS_FINAL' });
    }
  });
});

describe('the apology (Mẫu 04)', () => {
  const processing: DossierLifecycleState = { status: 4, receivedAt: '2026-11-23T09:32', appointmentAt: '2026-11-30T09:00', lastChangedAt: '2026-11-23T10:00' };
  const apology = (at: string, newAppointmentAt: string | undefined, reason = 'Cần xác minh thông tin tại địa phương khác'): TransitionRequest =>
    ({ event: 'apologise', cause: 'counter', at, reason, ...(newAppointmentAt === undefined ? {} : { newAppointmentAt }) });

  it('keeps the status and the slip appointment, and records the later date promised', () => {
    const r = allowed(checkTransition(processing, apology('2026-11-27T10:00', '2026-12-03T16:00'), context));
    expect(r).toMatchObject({ from: 4, to: 4, form: 'apology', warnings: [] });
    expect(r.next).toMatchObject({ status: 4, appointmentAt: '2026-11-30T09:00', rescheduledAt: '2026-12-03T16:00', lastChangedAt: '2026-11-27T10:00' });
    // A second apology must be later than the first promise.
    expect(checkTransition(r.next, apology('2026-12-02T10:00', '2026-12-03T08:00'))).toEqual({
      ok: false,
      code: 'NEW_APPOINTMENT_NOT_LATER',
      params: { newAt: '2026-12-03T08:00', current: '2026-12-03T16:00' },
    });
  });

  it('refuses a new date that is missing, invalid, not later or already past', () => {
    expect(checkTransition(processing, apology('2026-11-27T10:00', undefined))).toMatchObject({ ok: false, code: 'NEW_APPOINTMENT_REQUIRED' });
    expect(checkTransition(processing, apology('2026-11-27T10:00', '2026-12-32T09:00'))).toMatchObject({ ok: false, code: 'NEW_APPOINTMENT_INVALID' });
    expect(checkTransition(processing, apology('2026-11-27T10:00', '2026-11-30T09:00'))).toMatchObject({ ok: false, code: 'NEW_APPOINTMENT_NOT_LATER' });
    expect(checkTransition(processing, apology('2026-12-05T10:00', '2026-12-04T09:00'))).toMatchObject({ ok: false, code: 'NEW_APPOINTMENT_IN_PAST' });
    expect(checkTransition(processing, apology('2026-11-27T10:00', '2026-12-03T16:00', ''))).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkTransition({ status: 4 }, apology('2026-11-27T10:00', '2026-12-03T16:00'))).toMatchObject({ ok: false, code: 'APPOINTMENT_MISSING' });
    // Not for a dossier waiting for the citizen's papers, nor for one already finished.
    expect(checkTransition({ ...processing, status: 5 }, apology('2026-11-27T10:00', '2026-12-03T16:00'))).toMatchObject({ ok: false, code: 'TRANSITION_NOT_ALLOWED' });
    expect(checkTransition({ ...processing, status: 9 }, apology('2026-11-27T10:00', '2026-12-03T16:00'))).toMatchObject({ ok: false, code: 'TRANSITION_NOT_ALLOWED' });
  });

  it('issued after the appointment passed: allowed, with a warning, and the dossier stays late', () => {
    const r = allowed(checkTransition(processing, apology('2026-12-01T08:00', '2026-12-05T09:00'), context));
    expect(r.warnings.map((w) => w.code)).toEqual(['APOLOGY_AFTER_APPOINTMENT', 'NEW_APPOINTMENT_NOT_WORKING_DAY']);
    expect(r.next.appointmentAt).toBe('2026-11-30T09:00');
    expect(formatLifecycleWarning(r.warnings[0]!, 'vi')).toBe(
      'Ngày hẹn 09:00 ngày 30/11/2026 đã qua: phiếu xin lỗi lẽ ra phải gửi trước ngày hẹn. Phiếu vẫn được lập và hồ sơ vẫn tính là trễ hẹn.',
    );
    expect(formatLifecycleWarning(r.warnings[1]!, 'en')).toBe('The new date 09:00 on 05/12/2026 is not a working day; prefer a working day.');
  });
});

describe('returning the result (status 10)', () => {
  const ready: DossierLifecycleState = { status: 9, receivedAt: '2026-11-23T09:32', appointmentAt: '2026-11-30T09:00', finishedAt: '2026-11-27T15:00', lastChangedAt: '2026-11-27T15:00' };
  const ret = (handover: unknown): TransitionRequest => ({ event: 'return_result', cause: 'counter', at: '2026-11-30T08:00', handover } as TransitionRequest);

  it('accepts the owner at the counter and an authorised person by post with a tracking number', () => {
    expect(checkTransition(ready, ret({ receiver: { kind: 'owner' }, delivery: { method: 'counter' }, officerName: 'Đặng Quốc Bảo' }))).toMatchObject({ ok: true, to: 10 });
    expect(
      checkTransition(ready, ret({ receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: '027 190 001 234' }, delivery: { method: 'post', trackingNumber: 'ee123456785vn' }, officerName: 'Đặng Quốc Bảo' })),
    ).toMatchObject({ ok: true, to: 10 });
  });

  it('refuses an incomplete handover, each with its own reason', () => {
    const officer = 'Đặng Quốc Bảo';
    const cases: Array<[unknown, string]> = [
      [undefined, 'HANDOVER_REQUIRED'],
      [{ receiver: { kind: 'neighbour' }, delivery: { method: 'counter' }, officerName: officer }, 'HANDOVER_REQUIRED'],
      [{ receiver: { kind: 'authorised', fullName: '  ', idNumber: AUTHORISED_ID }, delivery: { method: 'counter' }, officerName: officer }, 'RECEIVER_NAME_REQUIRED'],
      [{ receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: '  ' }, delivery: { method: 'counter' }, officerName: officer }, 'RECEIVER_ID_REQUIRED'],
      [{ receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: '02719000123' }, delivery: { method: 'counter' }, officerName: officer }, 'RECEIVER_ID_INVALID'],
      [{ receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: '003190001234' }, delivery: { method: 'counter' }, officerName: officer }, 'RECEIVER_ID_INVALID'],
      [{ receiver: { kind: 'owner' }, delivery: { method: 'post' }, officerName: officer }, 'TRACKING_NUMBER_REQUIRED'],
      [{ receiver: { kind: 'owner' }, delivery: { method: 'post', trackingNumber: 'số 12' }, officerName: officer }, 'TRACKING_NUMBER_INVALID'],
      [{ receiver: { kind: 'owner' }, delivery: { method: 'drone' }, officerName: officer }, 'HANDOVER_REQUIRED'],
      [{ receiver: { kind: 'owner' }, delivery: { method: 'counter' }, officerName: '' }, 'OFFICER_REQUIRED'],
    ];
    for (const [handover, code] of cases) expect(checkTransition(ready, ret(handover)), JSON.stringify(handover)).toMatchObject({ ok: false, code });
    const bad = checkTransition(ready, ret(cases[5]![0]));
    expect(bad).toEqual({ ok: false, code: 'RECEIVER_ID_INVALID', params: { idNumber: '003190001234', problem: 'ID_NUMBER_PROVINCE' } });
    expect(formatLifecycleRefusal(bad as never, 'vi')).toContain('Số định danh cá nhân của người được ủy quyền (003190001234) không hợp lệ');
  });
});

describe('refusals, never exceptions', () => {
  it('refuses changes the table does not allow, naming the status in words', () => {
    const r = checkTransition({ status: 2 }, { event: 'return_result', cause: 'counter', at: '2026-11-23T10:00' });
    expect(r).toEqual({ ok: false, code: 'TRANSITION_NOT_ALLOWED', params: { event: 'return_result', status: 2 } });
    expect(formatLifecycleRefusal(r as never, 'vi')).toBe('Không thể trả kết quả khi hồ sơ đang ở trạng thái "Được tiếp nhận"; chưa có gì thay đổi.');
    expect(formatLifecycleRefusal(r as never, 'en')).toBe('You cannot return the result while the dossier is "Received"; nothing changed.');
    const counterCannot = checkTransition({ status: 4 }, { event: 'request_financial_obligation', cause: 'counter', at: '2026-11-23T10:00' });
    expect(counterCannot).toMatchObject({ ok: false, code: 'CAUSE_NOT_ALLOWED' });
    expect(formatLifecycleRefusal(counterCannot as never, 'vi')).toBe(
      'Không thể yêu cầu thực hiện nghĩa vụ tài chính tại quầy: việc này chỉ được ghi nhận từ cổng dịch vụ công (bộ phận xử lý). Chưa có gì thay đổi.',
    );
  });

  it('the counter cannot record a change before the last one; the feed can, with a warning', () => {
    const state: DossierLifecycleState = { status: 4, receivedAt: '2026-11-23T09:32', appointmentAt: '2026-11-30T09:00', lastChangedAt: '2026-11-25T10:00' };
    expect(checkTransition(state, { event: 'finish', cause: 'counter', at: '2026-11-25T09:00' })).toEqual({
      ok: false,
      code: 'TIME_BEFORE_LAST_CHANGE',
      params: { at: '2026-11-25T09:00', last: '2026-11-25T10:00' },
    });
    const fromFeed = allowed(checkTransition(state, { event: 'finish', cause: 'feed', at: '2026-11-25T09:00' }));
    expect(fromFeed.warnings).toEqual([{ code: 'OUT_OF_ORDER', params: { at: '2026-11-25T09:00', last: '2026-11-25T10:00' } }]);
  });

  it('needs the calendar to compute an appointment, and reports a calendar failure', () => {
    expect(checkTransition(fresh, { event: 'receive', cause: 'counter', at: '2026-11-23T09:32' })).toEqual({ ok: false, code: 'APPOINTMENT_CONTEXT_REQUIRED', params: { event: 'receive' } });
    const r = checkTransition(fresh, { event: 'receive', cause: 'counter', at: '2026-11-23T09:32' }, { calendar, processingTime: { unit: 'day', amount: -3 } });
    expect(r).toMatchObject({ ok: false, code: 'APPOINTMENT_FAILED' });
    expect(checkTransition({ status: 5 }, { event: 'complete_supplement', cause: 'counter', at: '2026-11-23T09:32' }, context)).toMatchObject({ ok: false, code: 'SUPPLEMENT_STATE_MISSING' });
  });

  it('answers malformed requests with a code and never throws', () => {
    const ok: TransitionRequest = { event: 'finish', cause: 'feed', at: '2026-11-23T10:00' };
    const cases: Array<[unknown, unknown, string]> = [
      [null, ok, 'REQUEST_INVALID'],
      [{ status: 4 }, 'finish', 'REQUEST_INVALID'],
      [{ status: 4 }, { ...ok, event: 'teleport' }, 'EVENT_UNKNOWN'],
      [{ status: 4 }, { ...ok, cause: 'mayor' }, 'CAUSE_UNKNOWN'],
      [{ status: 11 }, ok, 'STATUS_UNKNOWN'],
      [{ status: '4' }, ok, 'STATUS_UNKNOWN'],
      [{ status: 4 }, { ...ok, at: '23/11/2026 10:00' }, 'TIME_INVALID'],
      [{ status: 4 }, { ...ok, at: undefined }, 'TIME_INVALID'],
      [{ status: 5, supplementRequestedAt: '2026-11-23T09:00', statusBeforeSupplement: 4 }, { event: 'request_supplement', cause: 'feed', at: '2026-11-23T10:00', reason: 'x', supplementItems: 'Tờ khai' }, 'TRANSITION_NOT_ALLOWED'],
      [{ status: 4 }, { event: 'request_supplement', cause: 'feed', at: '2026-11-23T10:00', reason: 'Thiếu', supplementItems: 'Tờ khai' }, 'SUPPLEMENT_ITEMS_REQUIRED'],
      [{ status: 4 }, { event: 'withdraw', cause: 'counter', at: '2026-11-23T10:00', reason: 'x'.repeat(2001) }, 'REASON_TOO_LONG'],
      [{ status: 4 }, { event: 'apologise', cause: 'counter', at: '2026-11-23T10:00', reason: 'x', newAppointmentAt: 42 }, 'NEW_APPOINTMENT_INVALID'],
    ];
    for (const [state, request, code] of cases) {
      expect(checkTransition(state as DossierLifecycleState, request as TransitionRequest), JSON.stringify([state, request])).toMatchObject({ ok: false, code });
    }
    // Random garbage: an answer every time.
    const junk: unknown[] = [undefined, 0, '', [], {}, { status: NaN }, { event: null }, { handover: 5 }, Symbol.iterator.toString()];
    for (const s of junk) for (const q of junk) expect(() => checkTransition(s as DossierLifecycleState, q as TransitionRequest)).not.toThrow();
  });

  it('has words in both languages for every refusal and warning', () => {
    for (const [code, m] of Object.entries({ ...LIFECYCLE_REFUSAL_MESSAGES, ...LIFECYCLE_WARNING_MESSAGES })) {
      expect(m.vi, code).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ]/i);
      expect(m.en, code).toMatch(/^[\x20-\x7e–…]+$/);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(placeholders(m.en), code).toEqual(placeholders(m.vi));
    }
  });
});

describe('eventFor', () => {
  it("names the event behind a status pair from the portal's progress feed", () => {
    expect(eventFor(2, 4, 'feed')).toBe('start_processing');
    expect(eventFor(4, 5, 'feed')).toBe('request_supplement');
    expect(eventFor(5, 4, 'feed')).toBe('complete_supplement');
    expect(eventFor(4, 9, 'feed')).toBe('finish');
    expect(eventFor(9, 10, 'feed')).toBe('return_result');
    expect(eventFor(6, 8, 'feed')).toBe('stop_processing');
    // Not a change the feed can report, or no change at all.
    expect(eventFor(4, 5, 'counter')).toBeUndefined();
    expect(eventFor(2, 9, 'feed')).toBeUndefined();
    expect(eventFor(10, 4, 'feed')).toBeUndefined();
    expect(eventFor(4, 4, 'feed')).toBeUndefined();
  });
});

describe('possibleEvents', () => {
  it('offers what the table allows from the current status and cause', () => {
    expect(possibleEvents({ status: null }, 'counter')).toEqual(['receive', 'refuse', 'request_supplement']);
    expect(possibleEvents({ status: 2 }, 'counter')).toEqual(['request_supplement', 'start_processing', 'withdraw', 'stop_processing', 'apologise']);
    expect(possibleEvents({ status: 2, counterProcessed: true }, 'counter')).toContain('finish_at_counter');
    expect(possibleEvents({ status: 5, statusBeforeSupplement: 4 }, 'counter')).toEqual(['complete_supplement', 'withdraw', 'stop_processing']);
    expect(possibleEvents({ status: 10 }, 'counter')).toEqual([]);
    expect(possibleEvents({ status: 4 }, 'feed')).toEqual(['request_supplement', 'request_financial_obligation', 'withdraw', 'stop_processing', 'finish', 'apologise']);
  });
});
