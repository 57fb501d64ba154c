import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { TEST_OFFICER } from '../helpers/station';
import { createTestClock } from '../../main/hosts/web/test-clock';
import { draftFor } from '../helpers/drafts';
import { pdfReader } from '../forms/pdf-text';

// A dossier's whole life through the web host's HTTP API on its test clock: received on Monday
// 08/03/2027, a supplement asked on Wednesday, the papers brought on Friday, passed on, finished
// and handed back late the next week — the watch, the dashboard, the log book and the report
// seeing it as the officer and the leader would. The browser part comes with the renderer.

let host: WebHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-web-clock-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: resolve('dist/renderer'), version: 'test', token: 'clock-token', testClock: '2027-03-08T09:00' });
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api<T = Record<string, unknown>>(channel: string, payload: unknown = {}): Promise<T> {
  const res = await fetch(`${host.url}api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer clock-token' }, body: JSON.stringify(payload) });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

const setClock = (at: string) => api<{ now: string }>('testClock.set', { at });

describe('the test clock', () => {
  it('starts where it was told and runs on; only the web host has it', async () => {
    const { now } = await api<{ now: string }>('app.info');
    expect(now >= '2027-03-08T09:00' && now < '2027-03-08T09:10').toBe(true);
    const clock = createTestClock('2027-03-08T09:00', () => 1_000_000);
    expect(clock.local()).toBe('2027-03-08T09:00');
    let real = 1_000_000;
    const running = createTestClock('2027-03-08T09:00', () => real);
    real += 5 * 60_000;
    expect(running.local()).toBe('2027-03-08T09:05');
    expect(() => createTestClock('2027-02-30T09:00')).toThrow(/YYYY-MM-DDTHH:mm/);
    // The desktop host never runs on it: no part of it names the test clock.
    const electron = resolve('main/hosts/electron');
    for (const file of readdirSync(electron)) expect(readFileSync(join(electron, file), 'utf8'), file).not.toMatch(/testClock|test-clock|createTestClock/);
  });

  it('refuses a moment that is not one, and is not a channel of a host without it', async () => {
    const res = await fetch(`${host.url}api/testClock.set`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer clock-token' }, body: JSON.stringify({ at: '2027-13-01T09:00' }) });
    expect(res.status).toBe(400);
    const plainDir = mkdtempSync(join(tmpdir(), 'station-web-plain-'));
    const plain = await startWebHost({ port: 0, dataDir: plainDir, rendererDir: resolve('dist/renderer'), version: 'test', token: 't' });
    try {
      const r = await fetch(`${plain.url}api/testClock.set`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: '{"at":"2027-03-08T09:00"}' });
      expect(r.status).toBe(404);
      expect(plain.testClock).toBeNull();
    } finally {
      await plain.close();
      rmSync(plainDir, { recursive: true, force: true });
    }
  });
});

describe('a whole life on the test clock', () => {
  it('received Monday, supplement Wednesday, completed Friday, returned late the next week', async () => {
    await api('lifecycle.configure', { contactPhone: '0222 3812 345', signer: { role: 'CHỦ TỊCH', name: 'Phạm Văn Đức' } });
    const watched: string[] = [];
    host.station.events.on('watch.changed', ({ now }) => watched.push(now));

    // Monday 08/03/2027 09:00: received, 5 working days → Monday 15/03 09:00.
    await setClock('2027-03-08T09:00');
    const procedure = await api<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.004884' });
    const dossier = await api<{ code: string; appointmentAt: string }>('dossier.save', draftFor(procedure, { owner: { fullName: 'Nguyễn Thị Thủy Tiên' } }));
    expect(dossier.appointmentAt).toBe('2027-03-15T09:00');
    expect(watched).toEqual(['2027-03-08T09:00']); // the move of the clock told the screens

    // Wednesday 10/03 10:00: a paper is missing — Mẫu 02, the clock stops.
    await setClock('2027-03-10T10:00');
    const asked = await api<{ dossier: { status: number }; forms: Array<{ id: number; kind: string }> }>('dossier.transition', {
      code: dossier.code, event: 'request_supplement', items: ['Bản sao Giấy xác nhận thông tin về cư trú'], reason: 'Thiếu giấy tờ chứng minh nơi cư trú',
    });
    expect(asked.dossier.status).toBe(5);

    // Friday 12/03 14:00: the papers come; 1,380 working minutes were left — due Wednesday 17/03 11:00.
    await setClock('2027-03-12T14:00');
    const completed = await api<{ dossier: { status: number; appointmentAt: string } }>('dossier.transition', {
      code: dossier.code, event: 'complete_supplement', papers: [{ name: 'Bản sao Giấy xác nhận thông tin về cư trú', certifiedCopies: 1 }],
    });
    expect(completed.dossier).toMatchObject({ status: 2, appointmentAt: '2027-03-17T11:00' });
    await setClock('2027-03-12T14:30');
    await api('dossier.transition', { code: dossier.code, event: 'start_processing', toUnit: 'Công chức Tư pháp - Hộ tịch' });

    // Thursday 18/03 08:00: overdue by five working hours, on the badge and the watch.
    await setClock('2027-03-18T08:00');
    expect(await api('watch.badge')).toMatchObject({ overdue: 1, dueToday: 0 });
    const overdue = await api<{ dossiers: Array<{ code: string; lateness: { text: string } }> }>('watch.list', { bucket: 'overdue' });
    expect(overdue.dossiers.map((d) => [d.code, d.lateness.text])).toEqual([[dossier.code, 'trễ hẹn 5 giờ làm việc']]);

    // Finished Thursday 09:00, handed back Friday 19/03 10:00: late.
    await setClock('2027-03-18T09:00');
    await api('dossier.transition', { code: dossier.code, event: 'finish' });
    await setClock('2027-03-19T10:00');
    const returned = await api<{ dossier: { status: number; timeliness: string; lateness: { text: string } } }>('dossier.transition', {
      code: dossier.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' },
    });
    expect(returned.dossier).toMatchObject({ status: 10, timeliness: 'late', lateness: { text: 'trễ hẹn 6 giờ làm việc' } });

    const timeline = await api<{ entries: Array<{ kind: string; at: string; event: string | null }> }>('dossier.timeline', { code: dossier.code });
    expect(timeline.entries.map((e) => [e.at, e.event])).toEqual([
      ['2027-03-08T09:00', 'receive'], ['2027-03-10T10:00', 'request_supplement'], ['2027-03-12T14:00', 'complete_supplement'],
      ['2027-03-12T14:30', 'start_processing'], ['2027-03-18T09:00', 'finish'], ['2027-03-19T10:00', 'return_result'],
    ]);
    const dashboard = await api<{ totals: { received: number; late: number; onTimeRate: number; overdueNow: number } }>('indicators.dashboard', { from: '2027-03-01', to: '2027-03-31' });
    expect(dashboard.totals).toMatchObject({ received: 1, late: 1, onTimeRate: 0, overdueNow: 0 });
    const late = await api<{ dossiers: Array<{ code: string }> }>('indicators.dossiers', { from: '2027-03-01', to: '2027-03-31', measure: 'late' });
    expect(late.dossiers.map((d) => d.code)).toEqual([dossier.code]);
    const report = await api<{ rows: Array<{ field: string; newCounter: number; late: number }> }>('report.results', { period: { kind: 'month', year: 2027, month: 3 }, format: 'xlsx' });
    expect(report.rows).toEqual([expect.objectContaining({ field: 'Hộ tịch', newCounter: 1, late: 1 })]);

    const book = await api<{ base64: string; lines: number }>('logbook.pdf', { from: '2027-03-08', to: '2027-03-12' });
    const reader = pdfReader('web-life-');
    try {
      const text = reader.flat(reader.save(Buffer.from(book.base64, 'base64'), 'so'));
      expect(text).toContain(dossier.code);
      expect(text).toContain('Tại quầy');
      const m02 = await api<{ base64: string }>('lifecycle.formPdf', { formId: asked.forms[0]!.id });
      expect(reader.flat(reader.save(Buffer.from(m02.base64, 'base64'), 'mau02'))).toContain('Thiếu giấy tờ chứng minh nơi cư trú');
    } finally {
      reader.dispose();
    }
  });
});
