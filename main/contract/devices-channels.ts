import { z } from 'zod';
import { channel, none, withAccess, RECEPTION, TECHNICIAN, COUNTER } from './channel';
import { localDate, localDateTime } from './schemas';

// The devices feature's channels (main/devices): the identity-card reader on the desk. The
// technician chooses how it is connected — none, a keyboard wedge (the renderer recognises its
// bursts), or a serial / USB-serial reader the station listens to — and checks it with a test
// read. What a serial reader reads reaches the intake form as the `identity.scanned` event;
// what a keyboard wedge types goes through `identity.parse`, so both answer the same shape.

/** Baud rates QR readers offer (9600 is what they ship with). */
export const readerBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const identityReaderSettings = z.object({
  mode: z.enum(['none', 'keyboard', 'serial']),
  serial: z.object({
    /** "/dev/ttyUSB0", "/dev/ttyACM0", "COM3"; empty until chosen. */
    path: z.string().max(200),
    baudRate: z.literal(readerBaudRates),
    /**
     * For readers set to send no terminator: a line ends after this pause (ms). null: lines end
     * at CR/LF, and a pause inside a long burst never cuts it.
     */
    idleMs: z.number().int().min(20).max(2000).nullable(),
  }).strict(),
  keyboard: z.object({
    /** Longest gap between two keys of one burst (a wedge types a key every few ms; people, every 100+). */
    maxKeyGapMs: z.number().int().min(5).max(200),
    /** Shortest burst taken for a card (a CCCD QR is ~100 characters). */
    minLength: z.number().int().min(12).max(200),
  }).strict(),
}).strict();
export type IdentityReaderSettings = z.infer<typeof identityReaderSettings>;

export const identityCard = z.object({
  kind: z.enum(['cccd', 'can_cuoc']),
  idNumber: z.string().regex(/^\d{12}$/),
  oldIdNumber: z.string().regex(/^\d{9}$/).optional(),
  fullName: z.string(),
  birthDate: localDate,
  gender: z.enum(['male', 'female']),
  address: z.string().optional(),
  issueDate: localDate.optional(),
});

/** Why what was read is not a card the form can take (main/core/identity-qr.ts, plus the line's own faults). */
export const scanFailureReason = z.enum([
  'empty', 'not_identity_card', 'truncated', 'number_invalid', 'birth_date_invalid', 'number_mismatch', 'name_invalid', 'garbage',
]);

/**
 * What one read gave: a card (with notes on what was left out), or why not — with a message in
 * the station's language and the number when a valid one was found. Never half a card.
 */
export const identityScan = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    source: z.enum(['serial', 'keyboard']),
    at: localDateTime,
    card: identityCard,
    message: z.string(),
    notes: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  z.object({
    ok: z.literal(false),
    source: z.enum(['serial', 'keyboard']),
    at: localDateTime,
    reason: scanFailureReason,
    /** The error code of the message (main/devices/messages.ts). */
    code: z.string(),
    message: z.string(),
    idNumber: z.string().regex(/^\d{12}$/).optional(),
  }),
]);
export type IdentityScan = z.infer<typeof identityScan>;

export const readerStatus = z.object({
  mode: z.enum(['none', 'keyboard', 'serial']),
  /**
   * off: no reader, or a keyboard wedge (nothing to listen to); listening: the port is open;
   * waiting: the port is not there (unplugged) — it is reopened when it comes back; failed: the
   * port is there but cannot be opened (busy, access denied) — retried now and then.
   */
  state: z.enum(['off', 'listening', 'waiting', 'failed']),
  path: z.string().optional(),
  /** What the technician reads about the state (why it waits or failed). */
  message: z.string().optional(),
  lastScanAt: localDateTime.optional(),
});
export type ReaderStatus = z.infer<typeof readerStatus>;

export const serialPortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
});

export const devicesChannels = withAccess({
  'devices.serialPorts': channel(none, z.array(serialPortInfo), 'The serial ports of this PC (for the identity-card reader and the ticket printer)'),
  'reader.settings': channel(none, z.object({ settings: identityReaderSettings, status: readerStatus }), 'How the identity-card reader is connected, and its state'),
  'reader.configure': channel(
    z.object({
      mode: identityReaderSettings.shape.mode.optional(),
      serial: identityReaderSettings.shape.serial.partial().strict().optional(),
      keyboard: identityReaderSettings.shape.keyboard.partial().strict().optional(),
    }).strict(),
    z.object({ settings: identityReaderSettings, status: readerStatus }),
    'Choose how the identity-card reader is connected (the station listens to a serial reader at once)',
  ),
  'reader.status': channel(none, readerStatus, 'The state of the identity-card reader'),
  'reader.testRead': channel(
    z.object({
      /** Another port than the one set (trying before saving); default the one set. */
      path: z.string().min(1).max(200).optional(),
      baudRate: identityReaderSettings.shape.serial.shape.baudRate.optional(),
      idleMs: z.number().int().min(20).max(2000).nullable().optional(),
      seconds: z.number().int().min(1).max(60).default(10),
    }).strict(),
    z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('read'), path: z.string(), scan: identityScan, raw: z.string() }),
      z.object({ outcome: z.literal('silent'), path: z.string(), message: z.string() }),
    ]),
    'Open the reader’s port and wait a few seconds for one scan: what it parsed, or why not',
  ),
  'identity.parse': channel(
    z.object({ text: z.string().max(4096), source: z.enum(['keyboard', 'serial']).default('keyboard') }).strict(),
    identityScan,
    'Read the text of an identity card’s QR (a keyboard-wedge burst) as the serial reader does',
  ),
}, {
  'devices.serialPorts': TECHNICIAN,
  'reader.settings': COUNTER,
  'reader.configure': TECHNICIAN,
  'reader.status': COUNTER,
  'reader.testRead': TECHNICIAN,
  'identity.parse': RECEPTION,
});
