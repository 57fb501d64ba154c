import { describe, expect, it } from 'vitest';
import { openTestStation, TEST_OFFICER, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';
import { idNumberFor } from '../helpers/people';
import { FIVE_DAYS, lifecycleRows, ok, receive, SAME_DAY } from './rig';

// The counter's changes of a dossier through the contract, as a host calls them: each one
// transaction (state, history, audit, outbox, form); a change the table forbids is refused with
// a Vietnamese message next to its field, and nothing is written.
// The station's clock: Monday 23/11/2026 09:32; a 5-working-day dossier is due Mon 30/11 09:00.

type Transition = { dossier: { status: number; appointmentAt: string; dueAt: string; rescheduledAt: string | null; possibleEvents: string[]; returnedTo: string | null; timeliness: string | null }; warnings: Array<{ code: string; message: string }>; forms: Array<{ id: number; kind: string; number: string | null; title: string }> };

const AUTHORISED = idNumberFor('1985-02-11', 'male', { province: '027', serial: 4321 });

function outbox(station: TestStation, code: string) {
  return (station.db.prepare('SELECT o.id, o.kind, o.payload FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE d.code = ? ORDER BY o.id').all(code) as Array<{ id: number; kind: string; payload: string }>)
    .map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

function audit(station: TestStation, code: string) {
  return (station.db.prepare('SELECT a.action, a.officer_id AS officer FROM audit_log a JOIN dossiers d ON d.id = a.dossier_id WHERE d.code = ? ORDER BY a.seq').all(code) as Array<{ action: string; officer: string }>);
}

describe('a dossier through the counter', () => {
  it('is passed on, finished and handed to an authorised person: each change with its history, audit and outbox entry, after the creation', async () => {
    const station = openTestStation();
    const d = await receive(station, FIVE_DAYS);
    expect(d.appointmentAt).toBe('2026-11-30T09:00');

    const passed = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'start_processing', toUnit: 'Công chức Tư pháp - Hộ tịch' });
    expect(passed.dossier.status).toBe(4);
    expect(passed.forms.map((f) => f.kind)).toEqual(['processing_control']);
    expect(passed.dossier.possibleEvents).toEqual(expect.arrayContaining(['finish', 'withdraw', 'apologise']));
    expect(passed.dossier.possibleEvents).not.toContain('return_result');

    station.clock.setLocal('2026-11-26T15:10');
    await ok(station, 'dossier.transition', { code: d.code, event: 'finish' });
    station.clock.setLocal('2026-11-27T08:20');
    const returned = await ok<Transition>(station, 'dossier.transition', {
      code: d.code, event: 'return_result', receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: AUTHORISED, authorisation: 'Giấy ủy quyền số 12/UQ' }, delivery: { method: 'counter' },
    });
    expect(returned.dossier).toMatchObject({ status: 10, timeliness: 'early', possibleEvents: [] });
    expect(returned.dossier.returnedTo).toContain('Trần Văn Hùng');
    expect(returned.forms).toEqual([expect.objectContaining({ kind: 'result_handover', number: '01-0001/GNKQ' })]);

    // The portal learns every change, in order, after the dossier itself.
    const queued = outbox(station, d.code);
    expect(queued.map((e) => [e.kind, e.payload.SuKien ?? null, e.payload.TrangThaiTruoc ?? null, e.payload.TrangThaiHoSo])).toEqual([
      ['dossier.create', null, null, 2],
      ['dossier.transition', 'start_processing', 2, 4],
      ['dossier.transition', 'finish', 4, 9],
      ['dossier.transition', 'return_result', 9, 10],
    ]);
    expect(queued[1]?.payload).toMatchObject({ MaHoSo: d.code, DonViNhan: 'Công chức Tư pháp - Hộ tịch', ThoiGian: '20261123093200' });
    expect(queued[3]?.payload).toMatchObject({ NguoiNhanKetQua: { LaChuHoSo: false, HoTen: 'Trần Văn Hùng', SoDinhDanh: AUTHORISED }, HinhThucTraKetQua: 1 });
    // Attributed to the call's officer, in the audit log of the dossier.
    expect(audit(station, d.code).map((a) => a.action)).toEqual(['dossier.receive', 'dossier.start_processing', 'form.issue', 'dossier.finish', 'dossier.return_result', 'form.issue']);
    expect(new Set(audit(station, d.code).map((a) => a.officer))).toEqual(new Set([TEST_OFFICER.id]));

    const timeline = await ok<{ entries: Array<{ kind: string; text: string; at: string; officerName: string }> }>(station, 'dossier.timeline', { code: d.code });
    expect(timeline.entries.map((e) => [e.kind, e.at])).toEqual([
      ['reception', '2026-11-23T09:32'], ['transition', '2026-11-23T09:32'], ['transition', '2026-11-26T15:10'], ['transition', '2026-11-27T08:20'],
    ]);
    expect(timeline.entries[1]?.text).toBe('Chuyển hồ sơ xử lý: Được tiếp nhận → Đang xử lý — chuyển Công chức Tư pháp - Hộ tịch');
    expect(timeline.entries[3]?.text).toBe('Trả kết quả: Đã xử lý xong → Đã trả kết quả');
  });

  it('handles a counter-processed procedure at the counter: received, done and returned by post within minutes, without the back office', async () => {
    const station = openTestStation();
    const d = await receive(station, SAME_DAY);
    station.clock.setLocal('2026-11-23T09:40');
    const done = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'finish_at_counter' });
    expect(done.dossier.status).toBe(9);
    expect(done.dossier.possibleEvents).toEqual(['return_result']);
    station.clock.setLocal('2026-11-23T09:45');
    const returned = await ok<Transition>(station, 'dossier.transition', {
      code: d.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'post', trackingNumber: 'ee 123 456 785 vn', postalService: 'Bưu điện Tiên Du' },
    });
    expect(returned.dossier).toMatchObject({ status: 10, timeliness: 'on_time' });
    const row = station.db.prepare('SELECT returned_to, return_note, finished_by FROM dossiers WHERE code = ?').get(d.code);
    expect(row).toEqual({ returned_to: 'Nguyễn Văn An', return_note: 'Bưu chính EE123456785VN', finished_by: 'Cán bộ tiếp nhận' });
    expect(outbox(station, d.code).at(-1)?.payload).toMatchObject({ HinhThucTraKetQua: 2, SoHieuBuuGui: 'EE123456785VN' });
  });

  it('refuses to finish at the counter a procedure of the back office, until the agency lists it as handled at the counter', async () => {
    const station = openTestStation();
    const d = await receive(station, FIVE_DAYS);
    const before = lifecycleRows(station);
    const error = await station.refused('dossier.transition', { code: d.code, event: 'finish_at_counter' });
    expect(error).toMatchObject({ code: 'LIFECYCLE_NOT_COUNTER_PROCESSED', field: 'event' });
    expect(error.message).toMatch(VIETNAMESE_TEXT);
    expect(lifecycleRows(station)).toEqual(before);
    await ok(station, 'lifecycle.configure', { counterProcessed: { sameDay: true, procedureCodes: [FIVE_DAYS] } });
    expect((await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'finish_at_counter' })).dossier.status).toBe(9);
  });

  it('refuses the bad input of the issue, each with a Vietnamese message next to its field, and writes nothing', async () => {
    const station = openTestStation();
    const d = await receive(station, FIVE_DAYS);
    const withdrawn = await receive(station, FIVE_DAYS, { fullName: 'Lê Thị Rút' });
    await ok(station, 'dossier.transition', { code: withdrawn.code, event: 'withdraw', reason: 'Công dân xin rút để bổ sung giấy tờ khác' });
    const processing = await receive(station, FIVE_DAYS, { fullName: 'Phạm Văn Xử' });
    await ok(station, 'dossier.transition', { code: processing.code, event: 'start_processing' });
    const ready = await receive(station, SAME_DAY, { fullName: 'Đỗ Thị Xong' });
    await ok(station, 'dossier.transition', { code: ready.code, event: 'finish_at_counter' });

    const cases: Array<[string, unknown, string, string | undefined, RegExp]> = [
      ['a return before the result is ready', { code: d.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } }, 'LIFECYCLE_TRANSITION_NOT_ALLOWED', 'event', /Không thể trả kết quả khi hồ sơ đang ở trạng thái "Được tiếp nhận"/],
      ['a withdrawal without a reason', { code: d.code, event: 'withdraw', reason: '   ' }, 'LIFECYCLE_REASON_REQUIRED', 'reason', /Vui lòng nhập lý do để rút hồ sơ/],
      ['an apology with a new date earlier than the old one', { code: processing.code, event: 'apologise', reason: 'Chờ xác minh', newAppointmentAt: '2026-11-27T09:00' }, 'LIFECYCLE_NEW_APPOINTMENT_NOT_LATER', 'newAppointmentAt', /phải muộn hơn ngày hẹn hiện tại \(09:00 ngày 30\/11\/2026\)/],
      ['an apology with a date that is not a date', { code: processing.code, event: 'apologise', reason: 'Chờ xác minh', newAppointmentAt: '2026-02-30T09:00' }, 'LIFECYCLE_NEW_APPOINTMENT_INVALID', 'newAppointmentAt', /không hợp lệ/],
      ['a receiver without a valid CCCD', { code: ready.code, event: 'return_result', receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: '12345' }, delivery: { method: 'counter' } }, 'LIFECYCLE_RECEIVER_ID_INVALID', 'receiver.idNumber', /không hợp lệ: cần đúng 12 chữ số/],
      ['an authorised receiver without a name', { code: ready.code, event: 'return_result', receiver: { kind: 'authorised', fullName: ' ', idNumber: AUTHORISED }, delivery: { method: 'counter' } }, 'LIFECYCLE_RECEIVER_NAME_REQUIRED', 'receiver.fullName', /họ tên người được ủy quyền/],
      ['a result by post without a tracking number', { code: ready.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'post', trackingNumber: '' } }, 'LIFECYCLE_TRACKING_NUMBER_REQUIRED', 'delivery.trackingNumber', /số hiệu bưu gửi/],
      ['any change of a withdrawn dossier', { code: withdrawn.code, event: 'start_processing' }, 'LIFECYCLE_STATUS_FINAL', 'event', /đã ở trạng thái "Công dân yêu cầu rút hồ sơ"/],
      ['a supplement the back office asks, recorded at the counter', { code: processing.code, event: 'request_supplement', items: ['Giấy xác nhận cư trú'], reason: 'Thiếu' }, 'LIFECYCLE_CAUSE_NOT_ALLOWED', 'event', /việc này chỉ được ghi nhận từ cổng dịch vụ công/],
      ['a supplement without the papers to complete', { code: d.code, event: 'request_supplement', items: ['  '], reason: 'Thiếu giấy tờ' }, 'LIFECYCLE_SUPPLEMENT_ITEMS_REQUIRED', 'items', /ít nhất một giấy tờ/],
      ['a reason carrying a direction override', { code: d.code, event: 'withdraw', reason: 'Rút \u202Ehồ sơ' }, 'TEXT_BIDI_CONTROL', 'reason', /./],
      ['a dossier that does not exist', { code: '000.00.06.H56-261123-9999', event: 'withdraw', reason: 'x' }, 'DOSSIER_NOT_FOUND', undefined, /Không tìm thấy hồ sơ/],
    ];
    for (const [what, payload, code, field, text] of cases) {
      const before = lifecycleRows(station);
      const error = await station.refused('dossier.transition', payload);
      expect(error.code, what).toBe(code);
      expect(error.field, what).toBe(field);
      expect(error.message, what).toMatch(text);
      expect(error.message, what).toMatch(VIETNAMESE_TEXT);
      expect(lifecycleRows(station), what).toEqual(before);
    }
  });

  it('records a withdrawal on the citizen\'s request with its reason (status 7), and the log book says so', async () => {
    const station = openTestStation();
    const d = await receive(station, FIVE_DAYS);
    station.clock.setLocal('2026-11-24T10:00');
    const w = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'withdraw', reason: 'Công dân xin rút hồ sơ để nộp ở nơi cư trú' });
    expect(w.dossier).toMatchObject({ status: 7, possibleEvents: [] });
    expect(station.db.prepare('SELECT closed_local, handler_name FROM dossiers WHERE code = ?').get(d.code)).toEqual({ closed_local: '2026-11-24T10:00', handler_name: 'Cán bộ tiếp nhận' });
    expect(station.db.prepare('SELECT reason FROM dossier_events').get()).toEqual({ reason: 'Công dân xin rút hồ sơ để nộp ở nơi cư trú' });
  });
});

describe('a supplement during processing', () => {
  async function supplemented(rule?: 'pause' | 'restart') {
    const station = openTestStation();
    if (rule) await ok(station, 'lifecycle.configure', { supplementClockRule: rule });
    const d = await receive(station, FIVE_DAYS);
    station.clock.setLocal('2026-11-25T10:00');
    const asked = await ok<Transition>(station, 'dossier.transition', {
      code: d.code, event: 'request_supplement', items: ['Bản sao Giấy xác nhận thông tin về cư trú'], reason: 'Thiếu giấy tờ chứng minh nơi cư trú',
    });
    station.clock.setLocal('2026-12-01T14:10');
    const brought = await ok<Transition>(station, 'dossier.transition', {
      code: d.code, event: 'complete_supplement', papers: [{ name: 'Bản sao Giấy xác nhận thông tin về cư trú', certifiedCopies: 1 }],
    });
    return { station, d, asked, brought };
  }

  it('prints Mẫu 02, stops the clock (the dossier leaves the watch) and, by default, resumes with the working time that was left', async () => {
    const { station, d, asked, brought } = await supplemented();
    expect((await ok<{ supplementClockRule: string }>(station, 'lifecycle.settings', {})).supplementClockRule).toBe('pause');
    expect(asked.dossier.status).toBe(5);
    expect(asked.forms).toEqual([expect.objectContaining({ kind: 'supplement_request', number: '01-0001/PYCBS', title: 'Mẫu 02 – PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' })]);
    // Wed 25/11 10:00 → Mon 30/11 09:00 left 1,380 working minutes; from Tue 01/12 14:10 they end Fri 04/12 11:10 (rounded to the hour).
    expect(brought.dossier).toMatchObject({ status: 2, appointmentAt: '2026-12-04T11:00', dueAt: '2026-12-04T11:00' });
    expect(brought.forms.map((f) => f.kind)).toEqual(['receipt_slip']);
    // The papers joined the dossier (the new slip lists them), and the portal gets the new date with them.
    const view = await ok<{ appointmentAt: string; documents: Array<{ code: string; name: string; certifiedCopies: number }> }>(station, 'dossier.get', { code: d.code });
    expect(view.appointmentAt).toBe('2026-12-04T11:00');
    expect(view.documents.at(-1)).toEqual(expect.objectContaining({ code: 'BS1', name: 'Bản sao Giấy xác nhận thông tin về cư trú', certifiedCopies: 1 }));
    expect(outbox(station, d.code).at(-1)?.payload).toMatchObject({ SuKien: 'complete_supplement', NgayHenTra: '20261204110000', GiayToBoSung: [expect.objectContaining({ MaThanhPhanHoSo: 'BS1', SoBanSao: 1 })] });
  });

  it('counts the processing time again in full from the complete dossier when the agency restarts the clock', async () => {
    const { brought } = await supplemented('restart');
    // 5 working days from Tue 01/12 14:10: Tue 08/12 14:10, rounded to 14:00.
    expect(brought.dossier).toMatchObject({ status: 2, appointmentAt: '2026-12-08T14:00' });
  });

  it('is out of the overdue watch while the clock is stopped', async () => {
    const station = openTestStation();
    const d = await receive(station, FIVE_DAYS);
    await ok(station, 'dossier.transition', { code: d.code, event: 'request_supplement', items: ['Giấy xác nhận cư trú'], reason: 'Thiếu' });
    station.clock.setLocal('2026-12-07T09:00');
    const watch = await ok<{ total: number }>(station, 'watch.list', { bucket: 'overdue' });
    expect(watch.total).toBe(0);
  });
});

describe('an apology with a new date (Mẫu 04)', () => {
  it('issues the letter, syncs the new date, the counter works to it, and on-time is still measured against the slip', async () => {
    const station = openTestStation();
    await ok(station, 'lifecycle.configure', { signer: { role: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Lê Minh Khôi' } });
    const d = await receive(station, FIVE_DAYS);
    await ok(station, 'dossier.transition', { code: d.code, event: 'start_processing' });
    station.clock.setLocal('2026-11-27T10:00');
    const sorry = await ok<Transition>(station, 'dossier.transition', {
      code: d.code, event: 'apologise', reason: 'Cần xác minh nguồn gốc giấy tờ với cơ quan cấp', newAppointmentAt: '2026-12-07T16:00',
    });
    expect(sorry.warnings).toEqual([]);
    expect(sorry.dossier).toMatchObject({ status: 4, appointmentAt: '2026-11-30T09:00', rescheduledAt: '2026-12-07T16:00', dueAt: '2026-12-07T16:00' });
    expect(sorry.forms).toEqual([expect.objectContaining({ kind: 'apology', number: '01-0001/PXL' })]);
    expect(outbox(station, d.code).at(-1)?.payload).toMatchObject({ SuKien: 'apologise', NgayHenTraMoi: '20261207160000', LyDo: 'Cần xác minh nguồn gốc giấy tờ với cơ quan cấp' });
    // Past the slip's date but before the new one: not on the overdue list, still late when finished.
    station.clock.setLocal('2026-12-01T09:00');
    expect((await ok<{ total: number }>(station, 'watch.list', { bucket: 'overdue' })).total).toBe(0);
    const finished = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'finish' });
    expect(finished.dossier.timeliness).toBe('late');
  });

  it('still issues an apology after the date passed, with the warning for the officer', async () => {
    const station = openTestStation();
    await ok(station, 'lifecycle.configure', { signer: { role: 'CHỦ TỊCH', name: 'Phạm Văn Đức' } });
    const d = await receive(station, FIVE_DAYS);
    station.clock.setLocal('2026-12-01T10:00');
    const sorry = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'apologise', reason: 'Chậm do thiếu cán bộ', newAppointmentAt: '2026-12-03T16:00' });
    expect(sorry.warnings.map((w) => w.code)).toEqual(['APOLOGY_AFTER_APPOINTMENT']);
    expect(sorry.warnings[0]?.message).toMatch(/Ngày hẹn 09:00 ngày 30\/11\/2026 đã qua/);
  });

  it('needs someone to sign it once the agency is no longer the demo', async () => {
    const station = openTestStation();
    await ok(station, 'settings.update', { agency: { demo: false } });
    const d = await receive(station, FIVE_DAYS);
    const before = lifecycleRows(station);
    const error = await station.refused('dossier.transition', { code: d.code, event: 'apologise', reason: 'Chậm', newAppointmentAt: '2026-12-03T16:00' });
    expect(error).toMatchObject({ code: 'LIFECYCLE_SIGNER_REQUIRED', field: 'signer.name' });
    expect(lifecycleRows(station)).toEqual(before);
    const signed = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'apologise', reason: 'Chậm', newAppointmentAt: '2026-12-03T16:00', signer: { role: 'CHỦ TỊCH', name: 'Phạm Văn Đức' } });
    expect(signed.forms.map((f) => f.kind)).toEqual(['apology']);
  });
});

describe('stopping the processing', () => {
  it('is recorded with its reason; the stop notice is issued only by the 2025 form set that has it', async () => {
    const station = openTestStation();
    const a = await receive(station, FIVE_DAYS);
    const stopped = await ok<Transition>(station, 'dossier.transition', { code: a.code, event: 'stop_processing', reason: 'Thửa đất đang có tranh chấp' });
    expect(stopped.dossier.status).toBe(8);
    expect(stopped.forms).toEqual([]);
    await ok(station, 'lifecycle.configure', { formSet: 'tt03-2025' });
    const b = await receive(station, FIVE_DAYS, { fullName: 'Hoàng Văn Dừng' });
    const notice = await ok<Transition>(station, 'dossier.transition', { code: b.code, event: 'stop_processing', reason: 'Thửa đất đang có tranh chấp', legalBasis: 'Luật Đất đai năm 2024' });
    expect(notice.forms).toEqual([expect.objectContaining({ kind: 'stop_notice', number: '01-0001/TB-DXL', title: 'Mẫu 05 – THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' })]);
  });
});
