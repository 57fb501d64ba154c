import type { devicesChannels, IdentityReaderSettings, IdentityScan, ReaderStatus } from '../contract/devices-channels';
import type { Handlers } from '../contract/dispatch';
import { StationError } from '../core/errors';
import { toVietnamLocal, vietnamToday } from '../core/time';
import type { StationContext } from '../feature';
import { listSerialPorts, SerialError } from '../../hardware/serial/serial-lines';
import { scanOfGarbage, scanOfText, type ScanContext, type ScanSource } from './identity-scan';
import { devicesMessage } from './messages';
import { readReaderSettings, writeReaderSettings } from './reader-settings';
import { SerialReaderListener, type ListenerDeps, type ListenerState, type SerialTarget } from './serial-listener';
import { testRead } from './test-read';

// The devices feature: the identity-card reader. A serial reader is listened to for as long as
// the station runs, and each card it reads is pushed as `identity.scanned` for the intake form;
// a keyboard wedge is recognised in the renderer, which reads its burst with `identity.parse`.

type DevicesChannel = keyof typeof devicesChannels;

export type DevicesOptions = Pick<ListenerDeps, 'pollMs' | 'probeMs' | 'portPresent' | 'open'>;

function serialTarget(s: IdentityReaderSettings): SerialTarget | null {
  return s.mode === 'serial' && s.serial.path !== '' ? { path: s.serial.path, baudRate: s.serial.baudRate, idleMs: s.serial.idleMs } : null;
}

/** A port that cannot be opened, as the technician reads it. */
function portError(error: SerialError): StationError {
  const params = { path: error.path };
  switch (error.reason) {
    case 'not_found': return new StationError('READER_PORT_NOT_FOUND', params, 'serial.path');
    case 'busy': return new StationError('READER_PORT_BUSY', params, 'serial.path');
    case 'access_denied': return new StationError('READER_PORT_ACCESS_DENIED', params, 'serial.path');
    case 'gone': return new StationError('READER_PORT_NOT_FOUND', params, 'serial.path');
    case 'garbage':
    case 'failed': return new StationError('READER_PORT_FAILED', { ...params, detail: error.detail.slice(0, 200) }, 'serial.path');
    default: {
      const never: never = error.reason;
      throw new Error(`Unhandled serial error ${String(never)}`);
    }
  }
}

export function devicesHandlers(ctx: StationContext, options: DevicesOptions = {}): Pick<Handlers, DevicesChannel> {
  const { db } = ctx;
  let lastScanAt: string | undefined;
  const scanContext = (): ScanContext => ({ today: vietnamToday(ctx.now()), at: toVietnamLocal(ctx.now()), lang: ctx.language(), messages: ctx.messages });

  const status = (): ReaderStatus => {
    const settings = readReaderSettings(db);
    const lang = ctx.language();
    const last = lastScanAt ? { lastScanAt } : {};
    if (settings.mode === 'none') return { mode: 'none', state: 'off', message: devicesMessage('READER_OFF', {}, lang) };
    if (settings.mode === 'keyboard') return { mode: 'keyboard', state: 'off', message: devicesMessage('READER_KEYBOARD', {}, lang), ...last };
    const s: ListenerState = listener.state;
    switch (s.state) {
      case 'off': return { mode: 'serial', state: 'failed', message: ctx.messages.error('READER_PATH_REQUIRED', {}, lang), ...last };
      case 'listening': return { mode: 'serial', state: 'listening', path: s.path, message: devicesMessage('READER_LISTENING', { path: s.path }, lang), ...last };
      case 'waiting':
        return {
          mode: 'serial', state: 'waiting', path: s.path, ...last,
          message: s.because === 'gone' ? devicesMessage('READER_WAITING', { path: s.path }, lang) : ctx.messages.error('READER_PORT_NOT_FOUND', { path: s.path }, lang),
        };
      case 'failed': {
        const e = portError(s.error);
        return { mode: 'serial', state: 'failed', path: s.path, message: ctx.messages.error(e.code, e.params, lang), ...last };
      }
      default: {
        const never: never = s;
        throw new Error(`Unhandled listener state ${String(never)}`);
      }
    }
  };

  const announce = (scan: IdentityScan) => {
    lastScanAt = scan.at;
    ctx.events.emit('identity.scanned', scan);
  };
  const listener: SerialReaderListener = new SerialReaderListener({
    ...options,
    onLine: (text) => announce(scanOfText(text, 'serial', scanContext())),
    onGarbage: (bytes) => announce(scanOfGarbage(bytes, 'serial', scanContext())),
    onState: () => ctx.events.emit('reader.changed', status()),
  });
  void listener.set(serialTarget(readReaderSettings(db)));
  ctx.onClose(() => listener.close());

  return {
    'devices.serialPorts': () => listSerialPorts(),
    'reader.settings': () => ({ settings: readReaderSettings(db), status: status() }),
    'reader.status': () => status(),
    'reader.configure': async (input) => {
      const current = readReaderSettings(db);
      const next: IdentityReaderSettings = {
        mode: input.mode ?? current.mode,
        serial: { ...current.serial, ...input.serial },
        keyboard: { ...current.keyboard, ...input.keyboard },
      };
      if (next.mode === 'serial' && next.serial.path.trim() === '') throw new StationError('READER_PATH_REQUIRED', {}, 'serial.path');
      const saved = writeReaderSettings(db, { ...next, serial: { ...next.serial, path: next.serial.path.trim() } });
      await listener.set(serialTarget(saved));
      ctx.events.emit('reader.changed', status());
      return { settings: saved, status: status() };
    },
    'reader.testRead': async (input) => {
      const settings = readReaderSettings(db);
      const path = input.path ?? (settings.serial.path || undefined);
      if (!path) {
        if (settings.mode !== 'serial') throw new StationError('READER_NOT_SERIAL', { mode: devicesMessage(settings.mode === 'none' ? 'MODE_NONE' : 'MODE_KEYBOARD', {}, ctx.language()) });
        throw new StationError('READER_PATH_REQUIRED', {}, 'serial.path');
      }
      const target: SerialTarget = {
        path,
        baudRate: input.baudRate ?? settings.serial.baudRate,
        idleMs: input.idleMs !== undefined ? input.idleMs : settings.serial.idleMs,
      };
      // The listener holds the port it listens to: let go of it for the test.
      const resume = listener.path === path ? await listener.release() : undefined;
      try {
        const result = await testRead(target, input.seconds * 1000, options.open).catch((e: unknown) => {
          throw e instanceof SerialError ? portError(e) : e;
        });
        const source: ScanSource = 'serial';
        switch (result.kind) {
          case 'line': return { outcome: 'read' as const, path, raw: result.text, scan: scanOfText(result.text, source, scanContext()) };
          case 'garbage': return { outcome: 'read' as const, path, raw: '', scan: scanOfGarbage(result.bytes, source, scanContext()) };
          case 'silent': return { outcome: 'silent' as const, path, message: devicesMessage('TEST_SILENT', { path, seconds: input.seconds }, ctx.language()) };
          case 'gone': throw new StationError('READER_PORT_NOT_FOUND', { path }, 'serial.path');
          default: {
            const never: never = result;
            throw new Error(`Unhandled test read ${String(never)}`);
          }
        }
      } finally {
        await resume?.();
      }
    },
    'identity.parse': ({ text, source }) => scanOfText(text, source, scanContext()),
  };
}
