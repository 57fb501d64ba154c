import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueSettings, QueueTicketView } from '../../main/contract/queue-channels';
import { formatError } from '../../main/core/errors';
import { queueErrors, printFailureText } from '../../main/queue/messages';
import { pngPixels, startFakePrinter, type FakePrinter, type FakePrinterState } from '../hardware/printers/escpos-fake';
import { eventQueue } from '../helpers/events';
import { openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';

// Queue tickets printed through the station on the fake ESC/POS printer (a TCP port, as a network
// printer on 9100, and one end of a socat pty pair, as a serial printer). The fake decodes what
// it receives and renders each cut ticket to a PNG, read back here (and looked at by a person).

async function ok<T>(station: TestStation, channel: string, payload: unknown): Promise<T> {
  const answer = await station.call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

const rowsOf = (station: TestStation, sql: string, ...params: unknown[]) => station.db.prepare(sql).all(...params);

describe('a ticket taken and printed on the thermal printer', () => {
  let fake: FakePrinter | undefined;
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
  });

  async function stationWithPrinter(via: 'network' | 'serial', paper: 58 | 80 = 80, extra: Partial<QueueSettings> = {}) {
    fake = await startFakePrinter({ paper });
    const station = openTestStation();
    const printer = via === 'network' ? { kind: 'network', host: '127.0.0.1', port: fake.tcpPort } : { kind: 'serial', path: fake.serialPath, baudRate: 9600, rtscts: false };
    await ok(station, 'queue.configure', { printer, paper, statusTimeoutMs: 3000, followUrlTemplate: 'https://dichvucong.bacninh.gov.vn/hang-doi?ma={agency}&ngay={date}&so={number}', ...extra });
    return station;
  }

  it.each([['network', 80], ['serial', 58]] as const)('over the %s line on %i mm paper: the number, the QR to follow the queue, one cut ticket', async (via, paper) => {
    const station = await stationWithPrinter(via, paper);
    const ticket = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A', by: 'kiosk' });
    expect(ticket).toMatchObject({
      number: 'A001', day: '2026-11-23', state: 'waiting', issuedAt: '2026-11-23T09:32', waitingBefore: 0,
      group: { letter: 'A', name: 'Hộ tịch' },
      followUrl: 'https://dichvucong.bacninh.gov.vn/hang-doi?ma=000.00.06.H56&ngay=20261123&so=A001',
      print: { state: 'printed', printed: 1, reprints: 0, paperNearEnd: false },
    });
    const receipt = await fake!.nextReceipt();
    expect(fake!.errors()).toEqual([]);
    expect(receipt.via).toBe(via === 'network' ? 'tcp' : 'serial');
    expect(receipt.width).toBe(paper === 58 ? 384 : 576);
    expect(receipt.qrTexts).toEqual([ticket.followUrl]);
    // The QR on the paper is readable by a phone.
    const { data, width, height } = await pngPixels(receipt.png);
    expect(jsQR(data, width, height)?.data).toBe(ticket.followUrl);
    // The state was asked before the ticket went (DLE EOT 1, printer; 4, paper sensor), and again after it.
    expect(fake!.statusRequests()).toEqual([1, 4, 1, 4]);
    expect(receipt.commands.filter((c) => c.startsWith('status'))).toEqual(['status 1', 'status 4']);
    expect(receipt.commands.at(-1)).toMatch(/^cut partial/);
  });

  it('numbers per day and per group; people waiting before are printed; two tickets at once each print once', async () => {
    const station = await stationWithPrinter('network');
    const a1 = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    const [a2, b1] = await Promise.all([ok<QueueTicketView>(station, 'queue.issue', { group: 'A' }), ok<QueueTicketView>(station, 'queue.issue', { group: 'B' })]);
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect([a1.waitingBefore, a2.waitingBefore, b1.waitingBefore]).toEqual([0, 1, 0]);
    const receipts = [await fake!.nextReceipt(), await fake!.nextReceipt(), await fake!.nextReceipt()];
    expect(receipts.map((r) => r.qrTexts[0]!.split('so=')[1]).sort()).toEqual(['A001', 'A002', 'B001']);
    expect(fake!.errors()).toEqual([]);

    station.clock.setLocal('2026-11-24T07:05');
    expect(await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' })).toMatchObject({ number: 'A001', day: '2026-11-24' });
    expect(rowsOf(station, 'SELECT count(*) AS n FROM queue_prints')).toEqual([{ n: 4 }]);
  });

  it.each([
    ['paper_out', 'Máy in phiếu hết giấy. Thay cuộn giấy mới rồi bấm "In lại".'],
    ['cover_open', 'Nắp máy in phiếu đang mở. Đóng nắp rồi bấm "In lại".'],
    ['offline', 'Máy in phiếu đang báo lỗi hoặc tạm dừng (kẹt dao cắt, quá nhiệt…). Xem đèn báo trên máy, tắt rồi bật lại máy in, sau đó bấm "In lại".'],
    ['error', 'Máy in phiếu đang báo lỗi hoặc tạm dừng (kẹt dao cắt, quá nhiệt…). Xem đèn báo trên máy, tắt rồi bật lại máy in, sau đó bấm "In lại".'],
  ] as Array<[FakePrinterState, string]>)('keeps the ticket when the printer reports %s, shows the fault, prints only when asked', async (state, message) => {
    const station = await stationWithPrinter('network');
    fake!.setState(state);
    const changes = eventQueue(station.events, 'queue.changed');
    const ticket = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    expect(ticket).toMatchObject({ number: 'A001', state: 'waiting', print: { state: 'failed', reason: state === 'error' ? 'offline' : state, message, printed: 0 } });
    // Nothing of the ticket reached the paper: only status requests were sent.
    expect(fake!.receipts).toEqual([]);
    expect(changes.seen.length).toBeGreaterThanOrEqual(2); // taken, then its print recorded
    // The ticket waits in the queue all the same.
    const today = await ok<{ waiting: QueueTicketView[] }>(station, 'queue.today', {});
    expect(today.waiting.map((t) => t.number)).toEqual(['A001']);

    fake!.setState('ready');
    const retried = await ok<QueueTicketView>(station, 'queue.print', { ticketId: ticket.id });
    expect(retried.print).toMatchObject({ state: 'printed', printed: 1, reprints: 0 });
    expect(retried.print.message).toBeUndefined();
    expect((await fake!.nextReceipt()).qrTexts).toEqual([ticket.followUrl]);
    expect(rowsOf(station, 'SELECT kind, outcome, reason FROM queue_prints ORDER BY id')).toEqual([
      { kind: 'first', outcome: 'failed', reason: state === 'error' ? 'offline' : state },
      { kind: 'retry', outcome: 'printed', reason: null },
    ]);
  });

  it('records a reprint as a reprint', async () => {
    const station = await stationWithPrinter('network');
    const ticket = await ok<QueueTicketView>(station, 'queue.issue', { group: 'C' });
    await fake!.nextReceipt();
    const again = await ok<QueueTicketView>(station, 'queue.print', { ticketId: ticket.id });
    expect(again.print).toMatchObject({ state: 'printed', printed: 2, reprints: 1 });
    expect((await fake!.nextReceipt()).qrTexts).toEqual([ticket.followUrl]);
    expect(rowsOf(station, 'SELECT kind, outcome FROM queue_prints ORDER BY id')).toEqual([{ kind: 'first', outcome: 'printed' }, { kind: 'reprint', outcome: 'printed' }]);
  });

  it('refuses a printer that answers nothing or garbage, unless the technician says it is silent by design', async () => {
    const station = await stationWithPrinter('network', 80, { statusTimeoutMs: 300 });
    fake!.setState('silent');
    const silent = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    expect(silent.print).toMatchObject({ state: 'failed', reason: 'no_answer' });
    expect(silent.print.message).toBe(`Máy in phiếu không trả lời (127.0.0.1:${fake!.tcpPort}). Kiểm tra máy in đã bật và cáp đã cắm; nếu vẫn vậy, báo cán bộ CNTT kiểm tra cổng và tốc độ baud ở Cài đặt > Hàng đợi.`);
    fake!.setState('garbage');
    const garbage = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    expect(garbage.print).toMatchObject({ state: 'failed', reason: 'garbage', message: expect.stringContaining('dữ liệu lạ') });
    expect(fake!.receipts).toEqual([]);

    fake!.setState('silent');
    await ok(station, 'queue.configure', { whenSilent: 'print' });
    const blind = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    expect(blind).toMatchObject({ number: 'A003', print: { state: 'printed' } });
    expect((await fake!.nextReceipt()).qrTexts[0]).toContain('so=A003');
  });

  it('says the ticket did not print in full when the printer drops off mid-ticket', async () => {
    const station = await stationWithPrinter('network');
    fake!.resetTcpAfter(900);
    const ticket = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    expect(ticket.print).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^(write_failed|gone)$/) });
    expect(ticket.print.message).toMatch(/In lại/);
    fake!.resetTcpAfter(undefined);
    expect((await ok<QueueTicketView>(station, 'queue.print', { ticketId: ticket.id })).print).toMatchObject({ state: 'printed', printed: 1 });
  });

  it('warns that the paper is nearly out, and prints', async () => {
    const station = await stationWithPrinter('network');
    fake!.setState('paper_near_end');
    const ticket = await ok<QueueTicketView>(station, 'queue.issue', { group: 'B' });
    expect(ticket.print).toMatchObject({ state: 'printed', paperNearEnd: true, message: 'Giấy in phiếu sắp hết: chuẩn bị cuộn giấy mới.' });
    await fake!.nextReceipt();
  });

  it('refuses a second print of a ticket while the first is still printing', async () => {
    const station = await stationWithPrinter('network');
    const first = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    await fake!.nextReceipt();
    const [one, two] = await Promise.all([station.call('queue.print', { ticketId: first.id }), station.call('queue.print', { ticketId: first.id })]);
    const refused = [one, two].filter((a) => !a.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'QUEUE_PRINT_IN_PROGRESS', message: 'Phiếu A001 đang được in. Chờ máy in xong rồi mới in lại.' } });
    await fake!.nextReceipt();
    expect(rowsOf(station, "SELECT count(*) AS n FROM queue_prints WHERE kind = 'reprint'")).toEqual([{ n: 1 }]);
  });

  it('prints a test ticket and says what the printer answered', async () => {
    const station = await stationWithPrinter('serial', 58);
    const test = await ok<{ printed: boolean; message: string; bytes: number }>(station, 'queue.printerTest', {});
    expect(test).toMatchObject({ printed: true, paperNearEnd: false });
    expect(test.message).toBe(`Đã in phiếu thử (${test.bytes} byte). Kiểm tra chữ tiếng Việt và mã QR trên phiếu.`);
    const receipt = await fake!.nextReceipt();
    expect(receipt.bytes).toBeGreaterThanOrEqual(test.bytes);
    expect(rowsOf(station, 'SELECT count(*) AS n FROM queue_tickets')).toEqual([{ n: 0 }]); // a test is no ticket
    fake!.setState('cover_open');
    expect(await ok(station, 'queue.printerTest', {})).toMatchObject({ printed: false, reason: 'cover_open', message: expect.stringContaining('Nắp máy in phiếu đang mở') });
  });
});

describe('a ticket with no printer that can print it', () => {
  it('is taken all the same when no printer is set up, with the number to tell the citizen', async () => {
    const station = openTestStation();
    const ticket = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A', by: 'kiosk' });
    expect(ticket).toMatchObject({ number: 'A001', print: { state: 'failed', reason: 'not_configured' } });
    expect(ticket.print.message).toMatch(/^Chưa cài đặt máy in phiếu/);
  });

  it('names the printer that refuses the connection or is not there', async () => {
    const station = openTestStation();
    const closed = await startFakePrinter({ paper: 58 });
    const port = closed.tcpPort;
    await closed.stop(); // nothing listens there any more
    await ok(station, 'queue.configure', { printer: { kind: 'network', host: '127.0.0.1', port } });
    expect((await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' })).print).toMatchObject({
      state: 'failed', reason: 'refused', message: `Máy in phiếu ở 127.0.0.1:${port} không nhận kết nối. Kiểm tra máy in đã bật, đúng địa chỉ IP và cổng (thường 9100), rồi bấm "In lại".`,
    });
    await ok(station, 'queue.configure', { printer: { kind: 'serial', path: '/dev/ttyNO-PRINTER', baudRate: 9600, rtscts: false } });
    expect((await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' })).print).toMatchObject({ state: 'failed', reason: 'not_found', message: expect.stringContaining('/dev/ttyNO-PRINTER') });
    // No USB printer on this machine (nor, in a container, a USB bus to look on).
    await ok(station, 'queue.configure', { printer: { kind: 'usb' } });
    const usb = await ok<QueueTicketView>(station, 'queue.issue', { group: 'A' });
    expect(usb.print).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^(not_found|failed)$/), message: expect.stringContaining('(USB') });
    expect(rowsOf(station, 'SELECT number FROM queue_tickets ORDER BY id')).toEqual([{ number: 'A001' }, { number: 'A002' }, { number: 'A003' }]);
  });

  it('marks a print the station stopped in the middle of as not known to have come out', async () => {
    const first = openTestStation();
    const ticket = await ok<QueueTicketView>(first, 'queue.issue', { group: 'A' });
    first.db.prepare("UPDATE queue_tickets SET print_state = 'pending', print_reason = NULL").run(); // as a crash mid-print leaves it
    const station = first.reopen();
    const today = await ok<{ waiting: QueueTicketView[] }>(station, 'queue.today', {});
    expect(today.waiting[0]).toMatchObject({ id: ticket.id, print: { state: 'failed', reason: 'interrupted', message: expect.stringMatching(/không rõ phiếu đã ra chưa/) } });
  });
});

describe('the queue’s messages', () => {
  it('has every message in Vietnamese and English', () => {
    const params = { group: 'Z', counter: 9, number: 'A001', day: '01/12/2026', letter: 'A', where: 'COM3', detail: 'x' };
    for (const code of Object.keys(queueErrors) as Array<keyof typeof queueErrors>) {
      expect(formatError(code, { ...params, state: 'đã xong' }, 'vi'), code).toMatch(VIETNAMESE_TEXT);
      expect(formatError(code, { ...params, state: 'finished' }, 'en'), code).toMatch(/^[\x20-\x7e]+$/);
    }
    for (const [reason, text] of Object.entries(printFailureText)) {
      expect(text.vi, reason).toMatch(VIETNAMESE_TEXT);
      expect(text.en, reason).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
