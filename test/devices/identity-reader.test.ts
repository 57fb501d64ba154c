import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { IdentityScan, ReaderStatus } from '../../main/contract/devices-channels';
import { devicesErrors } from '../../main/devices/messages';
import { formatError } from '../../main/core/errors';
import { CCCD_HANOI, VIETQR_PAYMENT } from '../core/identity-qr-fixtures';
import { socatPair, type SocatPair } from '../hardware/serial/socat-rig';
import { eventQueue } from '../helpers/events';
import { openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';

// The identity-card reader through the station, as the officer and the technician use it: a
// serial reader on one end of a socat pty pair, the "reader" writing QR texts on the other.

const bytes = (s: string) => Buffer.from(s, 'utf8');

async function ok<T>(station: TestStation, channel: string, payload: unknown): Promise<T> {
  const answer = await station.call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

/** The reader's end of the line: writes as the device would (O_NOCTTY: never our terminal). */
function deviceEnd(path: string) {
  const fd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY);
  onTestFinished(() => { try { closeSync(fd); } catch { /* already gone with its pty */ } });
  return { send: (data: string | Buffer) => writeSync(fd, typeof data === 'string' ? bytes(data) : data), close: () => closeSync(fd) };
}

describe('a serial identity-card reader fills the intake form through identity.scanned', () => {
  let pair: SocatPair | undefined;
  afterEach(async () => {
    await pair?.kill();
    pair = undefined;
  });

  async function listening() {
    pair = await socatPair();
    const station = openTestStation();
    const scans = eventQueue(station.events, 'identity.scanned');
    const configured = await ok<{ status: ReaderStatus }>(station, 'reader.configure', { mode: 'serial', serial: { path: pair.a, baudRate: 9600 } });
    expect(configured.status).toMatchObject({ mode: 'serial', state: 'listening', path: pair.a });
    return { station, scans, reader: deviceEnd(pair.b) };
  }

  it('reads a whole card from a burst that arrives in pieces: every field, in NFC, and says whose card it is', async () => {
    const { station, scans, reader } = await listening();
    const all = bytes(`${CCCD_HANOI}\r\n`);
    reader.send(all.subarray(0, 40));
    reader.send(all.subarray(40));
    const scan = await scans.next();
    expect(scan).toMatchObject({
      ok: true,
      source: 'serial',
      at: '2026-11-23T09:32',
      card: { idNumber: '001090012345', oldIdNumber: '013245678', fullName: 'Nguyễn Văn Bình', birthDate: '1990-05-17', gender: 'male', issueDate: '2021-06-15' },
      message: 'Đã đọc thẻ của Nguyễn Văn Bình (001090012345).',
      notes: [],
    });
    expect(await ok<ReaderStatus>(station, 'reader.status', {})).toMatchObject({ state: 'listening', lastScanAt: '2026-11-23T09:32' });
  });

  it('refuses a QR from another document, a truncated burst and garbage, each with its Vietnamese message and no card, and reads the next card', async () => {
    const { scans, reader } = await listening();
    reader.send(`${VIETQR_PAYMENT}\r`);
    const cut = CCCD_HANOI.slice(0, CCCD_HANOI.indexOf('Cầu Giấy')); // the burst stops inside the address
    reader.send(`${cut}\r`);
    reader.send(Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x1b, 0x0d]));
    reader.send(`${CCCD_HANOI}\r`);

    const other = await scans.next();
    expect(other).toMatchObject({ ok: false, reason: 'not_identity_card', code: 'IDENTITY_QR_NOT_CARD' });
    expect(other).not.toHaveProperty('card');
    expect(other.ok === false && other.message).toMatch(/không phải mã QR của thẻ căn cước.*Chưa điền gì/);

    const truncated = await scans.next();
    // The number is kept (the officer may take it); nothing else is offered.
    expect(truncated).toMatchObject({ ok: false, reason: 'truncated', code: 'IDENTITY_QR_TRUNCATED', idNumber: '001090012345' });
    expect(truncated).not.toHaveProperty('card');
    expect(truncated.ok === false && truncated.message).toMatch(/bị thiếu.*Chưa điền gì/);

    const garbage = await scans.next();
    expect(garbage).toMatchObject({ ok: false, reason: 'garbage', code: 'READER_GARBAGE' });
    expect(garbage.ok === false && garbage.message).toMatch(/5 byte.*tốc độ baud/);

    expect(await scans.next()).toMatchObject({ ok: true, card: { fullName: 'Nguyễn Văn Bình' } });
  });

  it('tells a card whose number disagrees with its birth date (a misread or a forged card), and fills nothing', async () => {
    const { scans, reader } = await listening();
    reader.send(`${CCCD_HANOI.replace('17051990', '17051991')}\n`);
    const scan = await scans.next();
    expect(scan).toMatchObject({ ok: false, reason: 'number_mismatch', idNumber: '001090012345' });
    expect(scan.ok === false && scan.message).toMatch(VIETNAMESE_TEXT);
  });

  it('lets go of the port when the reader is set to keyboard wedge or none', async () => {
    const { station } = await listening();
    const again = await ok<{ status: ReaderStatus }>(station, 'reader.configure', { mode: 'keyboard' });
    expect(again.status).toMatchObject({ mode: 'keyboard', state: 'off' });
    // The port is free again: another program (here, a second listener) can take it.
    const other = await ok<{ status: ReaderStatus }>(openTestStation(), 'reader.configure', { mode: 'serial', serial: { path: pair!.a } });
    expect(other.status.state).toBe('listening');
  });
});

describe('the reader unplugged and plugged back in', () => {
  it('says it waits for the port, and listens again when the port comes back at the same path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-replug-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const [a, b] = [join(dir, 'ttyREADER'), join(dir, 'device')];
    let pair = await socatPair({ a, b });
    onTestFinished(() => pair.kill());
    const station = openTestStation();
    const changes = eventQueue(station.events, 'reader.changed');
    const scans = eventQueue(station.events, 'identity.scanned');
    await ok(station, 'reader.configure', { mode: 'serial', serial: { path: a } });

    await pair.kill(); // unplugged: the links go, as /dev/ttyUSB0 does
    const waiting = await changes.next((s) => s.state === 'waiting');
    expect(waiting).toMatchObject({ mode: 'serial', path: a });
    expect(waiting.message).toMatch(/Mất kết nối với đầu đọc CCCD.*tự kết nối lại/);

    pair = await socatPair({ a, b }); // plugged back in
    expect(await changes.next((s) => s.state === 'listening')).toMatchObject({ path: a });
    deviceEnd(b).send(`${CCCD_HANOI}\r\n`);
    expect(await scans.next()).toMatchObject({ ok: true, card: { idNumber: '001090012345' } });
  });

  it('waits for a port that is not there yet when it is configured, with the message to plug it in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-late-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const [a, b] = [join(dir, 'ttyLATE'), join(dir, 'device')];
    const station = openTestStation();
    const changes = eventQueue(station.events, 'reader.changed');
    const configured = await ok<{ status: ReaderStatus }>(station, 'reader.configure', { mode: 'serial', serial: { path: a } });
    expect(configured.status).toMatchObject({ state: 'waiting', path: a });
    expect(configured.status.message).toBe(`Không thấy cổng ${a}. Kiểm tra đầu đọc CCCD đã cắm vào máy, rồi bấm "Tìm cổng" và chọn lại.`);
    const pair = await socatPair({ a, b });
    onTestFinished(() => pair.kill());
    expect(await changes.next((s) => s.state === 'listening')).toMatchObject({ path: a });
  });
});

describe('the technician’s test read', () => {
  let pair: SocatPair | undefined;
  afterEach(async () => {
    await pair?.kill();
    pair = undefined;
  });

  it('answers what one scan parsed, with the raw text, on a port not yet saved', async () => {
    pair = await socatPair();
    const station = openTestStation();
    const answer = station.call('reader.testRead', { path: pair.a, seconds: 20 });
    const reader = deviceEnd(pair.b);
    // The test read opens the port when called: keep sending until it is there to hear it.
    const scan = await vi.waitFor(async () => {
      reader.send(`${CCCD_HANOI}\r\n`);
      const settled = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
      if (!settled) throw new Error('not yet');
      return settled;
    }, { timeout: 20_000, interval: 50 });
    expect(scan).toMatchObject({ ok: true, value: { outcome: 'read', path: pair.a, raw: CCCD_HANOI, scan: { ok: true, card: { fullName: 'Nguyễn Văn Bình' } } } });
  });

  it('says when nothing came within the time, what to check', async () => {
    pair = await socatPair();
    const station = openTestStation();
    const answer = await ok<{ outcome: string; message: string }>(station, 'reader.testRead', { path: pair.a, seconds: 1 });
    expect(answer).toEqual({ outcome: 'silent', path: pair.a, message: `Không nhận được mã nào từ cổng ${pair.a} trong 1 giây. Quét mã QR trên thẻ trong lúc chờ; nếu đầu đọc kêu mà trạm không nhận, kiểm tra cổng và tốc độ baud.` });
  });

  it('tests the port the station listens to, then listens again', async () => {
    pair = await socatPair();
    const station = openTestStation();
    const scans = eventQueue(station.events, 'identity.scanned');
    await ok(station, 'reader.configure', { mode: 'serial', serial: { path: pair.a } });
    expect(await ok(station, 'reader.testRead', { seconds: 1 })).toMatchObject({ outcome: 'silent', path: pair.a });
    await vi.waitFor(async () => expect(await ok<ReaderStatus>(station, 'reader.status', {})).toMatchObject({ state: 'listening' }));
    deviceEnd(pair.b).send(`${CCCD_HANOI}\n`);
    expect(await scans.next()).toMatchObject({ ok: true });
  });

  it('refuses a port that does not exist, a reader with no port, and a port another program holds, saying what to do', async () => {
    const station = openTestStation();
    const missing = await station.refused('reader.testRead', { path: '/dev/ttyNO-SUCH-READER', seconds: 1 });
    expect(missing).toMatchObject({ code: 'READER_PORT_NOT_FOUND', field: 'serial.path' });
    expect(missing.message).toBe('Không thấy cổng /dev/ttyNO-SUCH-READER. Kiểm tra đầu đọc CCCD đã cắm vào máy, rồi bấm "Tìm cổng" và chọn lại.');

    expect(await station.refused('reader.testRead', { seconds: 1 })).toMatchObject({ code: 'READER_NOT_SERIAL', message: expect.stringContaining('"không dùng"') });

    pair = await socatPair();
    const holder = openTestStation();
    await ok(holder, 'reader.configure', { mode: 'serial', serial: { path: pair.a } });
    const busy = await station.refused('reader.testRead', { path: pair.a, seconds: 1 });
    expect(busy).toMatchObject({ code: 'READER_PORT_BUSY' });
    expect(busy.message).toMatch(/đang được chương trình khác dùng/);
  });
});

describe('reader settings', () => {
  it('refuses the serial mode without a port, and keeps what was set', async () => {
    const station = openTestStation();
    const refused = await station.refused('reader.configure', { mode: 'serial' });
    expect(refused).toMatchObject({ code: 'READER_PATH_REQUIRED', field: 'serial.path' });
    expect(refused.message).toMatch(VIETNAMESE_TEXT);
    expect(await ok(station, 'reader.settings', {})).toMatchObject({ settings: { mode: 'none' }, status: { state: 'off' } });
    expect(await station.refused('reader.configure', { serial: { baudRate: 12345 } })).toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps the keyboard-wedge timings the renderer reads', async () => {
    const station = openTestStation();
    await ok(station, 'reader.configure', { mode: 'keyboard', keyboard: { maxKeyGapMs: 25 } });
    expect(await ok(station.reopen(), 'reader.settings', {})).toMatchObject({ settings: { mode: 'keyboard', keyboard: { maxKeyGapMs: 25, minLength: 20 } } });
  });
});

describe('a keyboard-wedge burst read with identity.parse', () => {
  it('answers the same shape as the serial reader, from NFD text as some wedge drivers type it', async () => {
    const station = openTestStation();
    const scan = await ok<IdentityScan>(station, 'identity.parse', { text: `${CCCD_HANOI.normalize('NFD')}\r\n` });
    expect(scan).toMatchObject({ ok: true, source: 'keyboard', card: { fullName: 'Nguyễn Văn Bình', address: expect.stringContaining('Cầu Giấy') } });
    expect(scan.ok && scan.card.fullName).toBe('Nguyễn Văn Bình'.normalize('NFC'));
    const number = await ok<IdentityScan>(station, 'identity.parse', { text: '001090012345' });
    expect(number).toMatchObject({ ok: false, reason: 'truncated', idNumber: '001090012345' });
  });

  it('notes what it left out: an implausible issue date', async () => {
    const station = openTestStation();
    const scan = await ok<IdentityScan>(station, 'identity.parse', { text: CCCD_HANOI.replace('15062021', '15062030') });
    expect(scan).toMatchObject({ ok: true, notes: [{ code: 'issue_date_implausible', message: 'Ngày cấp trong mã QR (15/06/2030) trước ngày sinh hoặc sau hôm nay nên được bỏ qua.' }] });
    expect(scan.ok && scan.card.issueDate).toBeUndefined();
  });
});

describe('the reader’s messages', () => {
  it('has every message in Vietnamese (saying what to do) and in English', () => {
    for (const code of Object.keys(devicesErrors) as Array<keyof typeof devicesErrors>) {
      const vi = formatError(code, { path: 'COM3', bytes: 3, detail: 'x', mode: '"không dùng"' }, 'vi');
      expect(vi, code).toMatch(VIETNAMESE_TEXT);
      expect(vi, code).not.toMatch(/\{\w+\}/);
      expect(formatError(code, {}, 'en'), code).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
