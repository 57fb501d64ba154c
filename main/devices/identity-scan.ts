import type { IdentityScan } from '../contract/devices-channels';
import { missingCaseError, type ErrorCode, type Language } from '../core/errors';
import { parseIdentityQr, type IdentityQrFailureReason, type IdentityQrWarning } from '../core/identity-qr';
import type { LocalDate, LocalDateTime } from '../core/model';
import { formatDate } from '../core/format';
import type { StationContext } from '../feature';
import { devicesMessage } from './messages';

// One read of an identity card, from a serial line or a keyboard-wedge burst, as the intake form
// receives it: the whole card with notes on what was left out, or why not — never half a card.
// The failure keeps the number when a valid one was found, for the officer to take or not.

export type ScanSource = IdentityScan['source'];

const FAILURE_CODES: Readonly<Record<IdentityQrFailureReason, ErrorCode>> = {
  empty: 'IDENTITY_QR_EMPTY',
  not_identity_card: 'IDENTITY_QR_NOT_CARD',
  truncated: 'IDENTITY_QR_TRUNCATED',
  number_invalid: 'IDENTITY_QR_NUMBER_INVALID',
  birth_date_invalid: 'IDENTITY_QR_BIRTH_DATE_INVALID',
  number_mismatch: 'IDENTITY_QR_NUMBER_MISMATCH',
  name_invalid: 'IDENTITY_QR_NAME_INVALID',
};

function noteOf(w: IdentityQrWarning, lang: Language): { code: string; message: string } {
  const value = w.value ?? '';
  switch (w.code) {
    case 'issue_date_invalid': return { code: w.code, message: devicesMessage('NOTE_ISSUE_DATE_INVALID', {}, lang) };
    case 'issue_date_implausible': return { code: w.code, message: devicesMessage('NOTE_ISSUE_DATE_IMPLAUSIBLE', { value: /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value }, lang) };
    case 'address_missing': return { code: w.code, message: devicesMessage('NOTE_ADDRESS_MISSING', {}, lang) };
    case 'second_number': return { code: w.code, message: devicesMessage('NOTE_SECOND_NUMBER', { value }, lang) };
    case 'extra_fields': return { code: w.code, message: devicesMessage('NOTE_EXTRA_FIELDS', { value }, lang) };
    default: throw missingCaseError(w.code);
  }
}

export type ScanContext = Readonly<{ today: LocalDate; at: LocalDateTime; lang: Language; messages: StationContext['messages'] }>;

/** The text a reader sent, read as a card. */
export function scanOfText(text: string, source: ScanSource, c: ScanContext): IdentityScan {
  const result = parseIdentityQr(text, { today: c.today });
  if (result.ok) {
    const { card } = result;
    return {
      ok: true,
      source,
      at: c.at,
      card: { ...card },
      message: devicesMessage('CARD_READ', { name: card.fullName, number: card.idNumber }, c.lang),
      notes: result.warnings.map((w) => noteOf(w, c.lang)),
    };
  }
  const code = FAILURE_CODES[result.reason];
  return {
    ok: false,
    source,
    at: c.at,
    reason: result.reason,
    code,
    message: c.messages.error(code, {}, c.lang),
    ...(result.idNumber !== undefined ? { idNumber: result.idNumber } : {}),
  };
}

/** Bytes on the line that are not text (a wrong baud rate, noise): a failed read, nothing filled. */
export function scanOfGarbage(bytes: number, source: ScanSource, c: ScanContext): IdentityScan {
  return { ok: false, source, at: c.at, reason: 'garbage', code: 'READER_GARBAGE', message: c.messages.error('READER_GARBAGE', { bytes }, c.lang) };
}
