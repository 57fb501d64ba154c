import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import { QueueTicketError, renderQueueTicket, type QueueTicket } from '../../main/forms/queue-ticket';
import { printJob } from '../../hardware/printers/escpos/thermal-printer';
import { openNetworkPrinter, openSerialPrinter, type PrinterTransport } from '../../hardware/printers/escpos/transport';
import { inkIn, pngPixels, startFakePrinter, type FakePrinter, type FakeReceipt } from '../hardware/printers/escpos-fake';

const TICKET: QueueTicket = {
  agency: { name: 'UBND xã Tiên Du', unitName: 'Bộ phận Tiếp nhận và Trả kết quả' },
  serviceGroup: 'Hộ tịch',
  number: 'A015',
  issuedAt: '2026-12-01T09:32',
  waitingBefore: 4,
  followUrl: 'https://dichvucong.bacninh.gov.vn/hang-doi?so=A015&ngay=20261201',
};

/** Runs of consecutive rows that have ink: [first row, row count]. */
function inkedRuns(receipt: FakeReceipt): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let y = 0; y <= receipt.height; y += 1) {
    const inked = y < receipt.height && inkIn(receipt, { x: 0, y, width: receipt.width, height: 1 }) > 0;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      runs.push([start, y - start]);
      start = -1;
    }
  }
  return runs;
}

describe('the queue ticket on a thermal printer', () => {
  let fake: FakePrinter | undefined;
  let transport: PrinterTransport | undefined;

  afterEach(async () => {
    await transport?.close();
    await fake?.stop();
    transport = undefined;
    fake = undefined;
  });

  it.each([58, 80] as const)('prints on %i mm paper: the number large, the text on paper, the QR readable', async (paper) => {
    fake = await startFakePrinter({ paper });
    transport = await openNetworkPrinter({ host: '127.0.0.1', port: fake.tcpPort });
    const bytes = await renderQueueTicket(TICKET, { paper });
    expect(await printJob(transport, bytes, { statusTimeoutMs: 5000 })).toMatchObject({ ok: true, bytesWritten: bytes.length });
    const receipt = await fake.nextReceipt();
    expect(fake.errors()).toEqual([]);
    expect(receipt.width).toBe(paper === 58 ? 384 : 576);
    expect(receipt.commands.filter((c) => !c.startsWith('status'))[0]).toBe('init');
    expect(receipt.commands.at(-1)).toMatch(/^cut partial/);
    expect(receipt.qrTexts).toEqual([TICKET.followUrl]);

    const { data, width, height } = await pngPixels(receipt.png);
    const qr = jsQR(data, width, height);
    expect(qr?.data).toBe(TICKET.followUrl);
    const qrTop = Math.min(qr!.location.topLeftCorner.y, qr!.location.topRightCorner.y);

    // The ticket number: the tallest block of inked rows, above the QR code, in the middle.
    const runs = inkedRuns(receipt).filter(([start]) => start < qrTop);
    const [numberTop, numberRows] = runs.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(numberRows).toBeGreaterThan(75);
    // Centred: about as much ink in its left half as in its right half.
    const half = { y: numberTop, height: numberRows, width: receipt.width / 2 };
    const [left, right] = [inkIn(receipt, { ...half, x: 0 }), inkIn(receipt, { ...half, x: receipt.width / 2 })];
    expect(left + right).toBeGreaterThan(5000);
    expect(Math.abs(left - right) / (left + right)).toBeLessThan(0.15);
    // Text before the number (agency, unit, group) and after it (date, waiting), and below the QR.
    expect(runs.filter(([start]) => start < numberTop).length).toBeGreaterThanOrEqual(4);
    expect(runs.filter(([start]) => start > numberTop).length).toBeGreaterThanOrEqual(2);
    expect(inkedRuns(receipt).filter(([start]) => start > qr!.location.bottomLeftCorner.y).length).toBeGreaterThanOrEqual(3);
    // Nothing touches the paper's edges.
    expect(inkIn(receipt, { x: 0, y: 0, width: 4, height: receipt.height })).toBe(0);
    expect(inkIn(receipt, { x: receipt.width - 4, y: 0, width: 4, height: receipt.height })).toBe(0);
  });

  it('prints through the serial line as well', async () => {
    fake = await startFakePrinter({ paper: 58 });
    transport = await openSerialPrinter({ path: fake.serialPath });
    const bytes = await renderQueueTicket(TICKET, { paper: 58 });
    expect(await printJob(transport, bytes, { statusTimeoutMs: 5000 })).toMatchObject({ ok: true });
    const receipt = await fake.nextReceipt();
    expect(fake.errors()).toEqual([]);
    expect(receipt.qrTexts).toEqual([TICKET.followUrl]);
  });

  it('renders NFD input exactly as NFC', async () => {
    const nfd: QueueTicket = {
      ...TICKET,
      agency: { name: TICKET.agency.name.normalize('NFD'), unitName: TICKET.agency.unitName.normalize('NFD') },
      serviceGroup: TICKET.serviceGroup.normalize('NFD'),
      note: 'Vui lòng chờ đến lượt…'.normalize('NFD'),
    };
    const fromNfd = await renderQueueTicket(nfd, { paper: 58 });
    const fromNfc = await renderQueueTicket({ ...TICKET, note: 'Vui lòng chờ đến lượt…' }, { paper: 58 });
    expect(Buffer.from(fromNfd).equals(Buffer.from(fromNfc))).toBe(true);
  });

  it('prints what changes from ticket to ticket: the waiting count and the number', async () => {
    const four = await renderQueueTicket(TICKET, { paper: 58 });
    const none = await renderQueueTicket({ ...TICKET, waitingBefore: 0 }, { paper: 58 });
    const other = await renderQueueTicket({ ...TICKET, number: 'B002' }, { paper: 58 });
    expect(Buffer.from(none).equals(Buffer.from(four))).toBe(false);
    expect(Buffer.from(other).equals(Buffer.from(four))).toBe(false);
  });

  it('refuses bad data with the field and a Vietnamese message, before printing anything', async () => {
    const bad: ReadonlyArray<[Partial<QueueTicket> & { paper?: number }, string]> = [
      [{ number: '' }, 'number'],
      [{ number: 'A 015 dài quá' }, 'number'],
      [{ serviceGroup: '  ' }, 'serviceGroup'],
      [{ agency: { name: '', unitName: 'Bộ phận Một cửa' } }, 'agency.name'],
      [{ agency: { name: 'UBND xã Tiên Du', unitName: '' } }, 'agency.unitName'],
      [{ issuedAt: '2026-02-30T09:32' }, 'issuedAt'],
      [{ waitingBefore: -1 }, 'waitingBefore'],
      [{ waitingBefore: 1.5 }, 'waitingBefore'],
      [{ followUrl: 'dichvucong.gov.vn' }, 'followUrl'],
      [{ paper: 76 }, 'paper'],
    ];
    for (const [change, field] of bad) {
      const { paper, ...fields } = change;
      const error = await renderQueueTicket({ ...TICKET, ...fields }, { paper: (paper ?? 58) as 58 }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(QueueTicketError);
      expect((error as QueueTicketError).field).toBe(field);
      expect((error as QueueTicketError).vi).toMatch(/^Không in được phiếu số thứ tự: .+ Kiểm tra/);
    }
  });
});
