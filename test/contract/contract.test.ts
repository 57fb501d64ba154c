import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { channelNames, channels } from '../../main/contract/channels';
import { createDispatcher, describeChannels, type Handlers } from '../../main/contract/dispatch';
import { messages } from '../../main/messages';
import { StationError } from '../../main/core/errors';
import { openTestStation, VIETNAMESE_TEXT, TEST_OFFICER } from '../helpers/station';


describe('the channel table', () => {
  it('gives every channel a zod input schema, a zod output schema and a summary', () => {
    expect(channelNames.length).toBeGreaterThanOrEqual(15);
    for (const name of channelNames) {
      const spec = channels[name];
      expect(spec.input, name).toBeInstanceOf(z.ZodType);
      expect(spec.output, name).toBeInstanceOf(z.ZodType);
      expect(spec.summary.length, name).toBeGreaterThan(5);
      expect(name).toMatch(/^[a-z]+\.[a-z]+$/i);
    }
  });

  it('describes every channel once as JSON Schema, as GET /api lists them', () => {
    const described = describeChannels();
    expect(described.map((d) => d.channel)).toEqual(channelNames);
    for (const d of described) {
      expect(JSON.parse(JSON.stringify(d))).toEqual(d); // plain JSON, sendable as is
      expect(d.input, d.channel).toMatchObject({ $schema: expect.stringContaining('json-schema') });
      expect(d.output, d.channel).toMatchObject({ $schema: expect.stringContaining('json-schema') });
    }
    const save = described.find((d) => d.channel === 'dossier.save')!.input as {
      required: string[];
      properties: { owner: { properties: { fullName: { maxLength: number } }; required: string[] } };
    };
    expect(save.required).toEqual(expect.arrayContaining(['intakeKey', 'procedureCode', 'owner', 'documents']));
    expect(save.properties.owner.required).toEqual(expect.arrayContaining(['fullName', 'idNumber', 'birthDate', 'phone', 'address']));
    expect(save.properties.owner.properties.fullName.maxLength).toBe(100);
  });

  it('is answered in full by the station core: one handler per channel, nothing more', () => {
    const station = openTestStation();
    expect(Object.keys(station.handlers).sort()).toEqual([...channelNames].sort());
  });
});

describe('dispatching a call', () => {
  it('refuses an unknown channel with CHANNEL_UNKNOWN, in Vietnamese, naming it', async () => {
    const station = openTestStation();
    for (const name of ['dossier.delete', '__proto__', 'constructor', 'toString', '']) {
      const answer = await station.call(name, {});
      expect(answer.ok, name).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe('CHANNEL_UNKNOWN');
      expect(answer.error.message).toBe(`Yêu cầu không được hỗ trợ: "${name}".`);
    }
  });

  it('answers INTERNAL, without the details, when a handler breaks its output contract', async () => {
    const station = openTestStation();
    const internal: Array<[string, unknown]> = [];
    const handlers = {
      ...station.handlers,
      'settings.get': () => ({ agency: { name: 'UBND XÃ TIÊN DU' }, station: { secretToken: 'abc123' } }),
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { language: () => 'vi', messages, officer: () => TEST_OFFICER, onInternalError: (channel, error) => internal.push([channel, error]) });
    const answer = await dispatch('settings.get', {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã nhập vẫn được giữ; hãy thử lại hoặc báo cán bộ CNTT.', params: {} },
    });
    expect(JSON.stringify(answer)).not.toMatch(/abc123|contract|agencyId/);
    expect(internal.map(([c]) => c)).toEqual(['settings.get']);
    expect(String(internal[0]![1])).toMatch(/outside its contract/);
  });

  it('answers INTERNAL, without the stack or message, when a handler throws an unexpected error', async () => {
    const station = openTestStation();
    const handlers = {
      ...station.handlers,
      'dossier.get': () => { throw new Error('SQLITE_CORRUPT: /home/officer/station.sqlite3'); },
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { language: () => 'vi', messages, officer: () => TEST_OFFICER });
    const answer = await dispatch('dossier.get', { code: 'x' });
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).not.toMatch(/SQLITE|officer|at /);
    expect(!answer.ok && answer.error.code).toBe('INTERNAL');
  });

  it('passes a typed station error through with its field and Vietnamese message', async () => {
    const station = openTestStation();
    const answer = await station.call('catalogue.get', { code: '9.999999' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'PROCEDURE_UNKNOWN', message: 'Không tìm thấy thủ tục mã "9.999999" trong danh mục.', field: 'procedureCode', params: { code: '9.999999' } },
    });
    const missing = await station.call('dossier.get', { code: '000.00.06.H56-261123-9999' });
    expect(!missing.ok && missing.error.code).toBe('DOSSIER_NOT_FOUND');
    expect(new StationError('DOSSIER_NOT_FOUND', { code: 'x' }).message).toBe('Dossier "x" not found.');
  });

  it('answers in English when the station is set to English', async () => {
    const station = openTestStation();
    await station.call('settings.update', { station: { language: 'en' } });
    const answer = await station.call('catalogue.get', { code: '9.999999' });
    expect(!answer.ok && answer.error.message).toBe('Procedure "9.999999" is not in the catalogue.');
  });
});

describe('oversized strings', () => {
  it.each([
    ['catalogue.search', { query: 'x'.repeat(201) }, 'query', 200],
    ['dossier.search', { query: '0'.repeat(101) }, 'query', 100],
    ['dossier.get', { code: 'A'.repeat(61) }, 'code', 60],
    ['calendar.put', { date: '2026-12-24', kind: 'holiday', name: 'N'.repeat(121) }, 'name', 120],
  ])('%s refuses an oversized string with TOO_LONG on its field', async (channel, payload, field, max) => {
    const station = openTestStation();
    const answer = await station.call(channel, payload);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('TOO_LONG');
    expect(answer.error.field).toBe(field);
    expect(answer.error.message).toContain(`tối đa ${max} ký tự`);
  });

  it('names the form field in Vietnamese for oversized intake fields', async () => {
    const station = openTestStation();
    const draft = await station.validDraft();
    const cases: Array<[unknown, string, string]> = [
      [{ ...draft, owner: { ...draft.owner, fullName: 'Nguyễn '.repeat(800) } }, 'owner.fullName', 'Họ và tên chủ hồ sơ quá dài (tối đa 100 ký tự).'],
      [{ ...draft, owner: { ...draft.owner, address: 'Thôn '.repeat(100) } }, 'owner.address', 'Địa chỉ quá dài (tối đa 300 ký tự).'],
      [{ ...draft, notes: 'Ghi chú '.repeat(200) }, 'notes', 'Ghi chú quá dài (tối đa 1000 ký tự).'],
      [{ ...draft, owner: { ...draft.owner, idNumber: '0010900123456' } }, 'owner.idNumber', 'Số định danh cá nhân quá dài (tối đa 12 ký tự).'],
    ];
    for (const [payload, field, message] of cases) {
      const answer = await station.call('dossier.save', payload);
      expect(!answer.ok && answer.error).toMatchObject({ code: 'TOO_LONG', field, message });
    }
    const rows = station.db.prepare('SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM outbox) AS o').get();
    expect(rows).toEqual({ d: 0, o: 0 });
  });

  it('accepts a name at the limit once the surrounding spaces are trimmed', async () => {
    const station = openTestStation();
    const trimmed = `${'Nguyễn Văn '.repeat(9)}A`;
    expect(trimmed.length).toBe(100);
    const fullName = `   ${trimmed}   `;
    const saved = await station.save(await station.validDraft({ owner: { fullName } }));
    expect(saved.ownerName).toBe(trimmed);
  });
});

describe('impossible dates', () => {
  it('refuses an impossible reception time in the appointment preview as a typed error on that field', async () => {
    const station = openTestStation();
    for (const receivedAt of ['2026-02-30T09:00', '2026-11-23T25:00']) {
      const answer = await station.call('appointment.preview', { procedureCode: '1.001193', receivedAt });
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code, receivedAt).not.toBe('INTERNAL');
      expect(answer.error.field).toBe('receivedAt');
      expect(answer.error.message).toMatch(VIETNAMESE_TEXT);
    }
  });

  it('refuses an impossible calendar day, so one typing slip cannot stop every later intake', async () => {
    const station = openTestStation();
    const put = await station.call('calendar.put', { date: '2026-02-30', kind: 'holiday', name: 'Ngày không có thật' });
    expect(put.ok).toBe(false);
    expect(!put.ok && put.error.field).toBe('date');
    expect(!put.ok && put.error.message).toMatch(VIETNAMESE_TEXT);
    const preview = await station.call('appointment.preview', { procedureCode: '1.001193' });
    expect(preview.ok).toBe(true);
    const saved = await station.call('dossier.save', await station.validDraft());
    expect(saved.ok).toBe(true);
  });
});
