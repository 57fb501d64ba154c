// The QR code of a Vietnamese identity card, read by a keyboard-wedge or serial reader and
// turned into the applicant's fields of the intake form.
//
// What the cards carry:
// - The chip CCCD ("Căn cước công dân", issued 2021 – 30/6/2024) prints a QR whose text is
//   `|`-separated: 12-digit number | old 9-digit CMND (may be empty) | full name | birth date
//   DDMMYYYY | gender "Nam"/"Nữ" | permanent address | issue date DDMMYYYY.
// - The identity card issued since 1/7/2024 ("Căn cước", Circular 16/2024/TT-BCA art. 6) moved
//   the QR to the back and lists more content: the number, name, birth date, gender, place of
//   residence, issue date, the old 9-digit CMND and a cancelled identity number where they
//   exist, and parents' names for some cardholders. Neither the circular nor anything public we
//   could read fixes the ORDER of those fields in the text.
// - Readers and apps in the field emit variants: the old-number field left out, fields after
//   the issue date, a BOM or a CR/LF at the end, text in NFD from some wedge drivers.
//
// So fields are recognised by what they contain — a 12-digit number, a 9-digit number, a real
// 8-digit date, a gender word, a name made of letters, an address — and only the order that every
// variant shares is relied on: the number first, the name and the birth date before the gender,
// the issue date after the address. Everything is cross-checked against the number
// (main/core/identity.ts): its century/gender digit and year digits must agree with the birth
// date and the gender. Whatever cannot be read still yields the number when a valid one was
// found, so the form can at least take it.
//
// The name is kept as the card gives it (NFC, trimmed, spaces collapsed), not re-cased: the
// examples we could find show both capitals and mixed case, and changing a citizen's name on a
// guess is worse than leaving the officer to see it.

import { checkIdNumber, type Gender } from './identity';
import type { LocalDate } from './model';
import { formatLocalDate } from './time';

/** 'cccd': the chip citizen identity card (until 30/6/2024); 'can_cuoc': the identity card since 1/7/2024. */
export type IdentityCardKind = 'cccd' | 'can_cuoc';

export type IdentityCard = Readonly<{
  kind: IdentityCardKind;
  idNumber: string;
  /** The old 9-digit identity number (CMND), when the card lists one. */
  oldIdNumber?: string;
  fullName: string;
  birthDate: LocalDate;
  gender: Gender;
  /** Permanent address (CCCD) or place of residence (Căn cước). */
  address?: string;
  issueDate?: LocalDate;
}>;

export type IdentityQrWarningCode =
  /** The field after the address is not a real date: the issue date is left out. */
  | 'issue_date_invalid'
  /** The issue date is before the birth date or after today: left out. */
  | 'issue_date_implausible'
  /** No address between the gender and the issue date. */
  | 'address_missing'
  /** A second 12-digit number (the new card's cancelled number, or an old 12-digit CMND): not used. */
  | 'second_number'
  /** Fields the parser does not use (the new card's extra content, a reader's additions). */
  | 'extra_fields';

export type IdentityQrWarning = Readonly<{ code: IdentityQrWarningCode; value?: string }>;

export type IdentityQrFailureReason =
  | 'empty'
  /** A QR of something else: a web address, a VietQR payment code, a health-insurance card, a product code. */
  | 'not_identity_card'
  /** The text stops before the card's fields are complete (a burst cut in the middle). */
  | 'truncated'
  /** The 12-digit number is not a valid identity number (unknown province code). */
  | 'number_invalid'
  /** The birth date is not a real date, or is after today. */
  | 'birth_date_invalid'
  /** The number's century/gender digit or year digits disagree with the birth date or the gender. */
  | 'number_mismatch'
  /** Where the name belongs there is no name (digits, symbols). */
  | 'name_invalid';

export type IdentityQrResult =
  | Readonly<{ ok: true; card: IdentityCard; warnings: readonly IdentityQrWarning[] }>
  /** `idNumber` is set whenever a valid 12-digit number was found, so the form can take it. */
  | Readonly<{ ok: false; reason: IdentityQrFailureReason; idNumber?: string }>;

export type IdentityQrOptions = Readonly<{
  /** Today in Vietnam: birth and issue dates after it are refused. Without it, no future check. */
  today?: LocalDate;
}>;

/** The day the identity card replaced the chip CCCD (Law on Identification 2023). */
const CAN_CUOC_SINCE: LocalDate = '2024-07-01';

const NUMBER_12 = /^\d{12}$/;
const NUMBER_9 = /^\d{9}$/;
// A date field: 8 digits DDMMYYYY, also with separators as some reader apps rewrite it.
const DATE_SHAPED = /^(\d{2})[/.-]?(\d{2})[/.-]?(\d{4})$/;
// Anything made of digits and date separators: where a date belongs, this is a (possibly cut) date.
const DIGITS_LIKE = /^[\d/.-]+$/;
// Letters (any script, with combining marks left by odd input), spaces, apostrophes and hyphens:
// ethnic-minority names such as "H'Hen Niê" have an apostrophe.
const NAME = /^(?=.*\p{L})[\p{L}\p{M} '’-]+$/u;
const HAS_LETTER = /\p{L}/u;

/**
 * A cheap test for a keyboard-wedge burst or a serial line: twelve digits then `|` at the start.
 * True does not mean valid; parseIdentityQr decides.
 */
export function looksLikeIdentityQr(text: string): boolean {
  return /^\uFEFF?\s*\d{12}\|/.test(text);
}

function ok(card: IdentityCard, warnings: IdentityQrWarning[]): IdentityQrResult {
  return { ok: true, card, warnings };
}

function fail(reason: IdentityQrFailureReason, idNumber?: string): IdentityQrResult {
  return idNumber === undefined ? { ok: false, reason } : { ok: false, reason, idNumber };
}

/** NFC, trimmed, inner runs of white space (including no-break spaces) collapsed to one space. */
function clean(field: string): string {
  return field.normalize('NFC').replace(/[\s\u00a0]+/gu, ' ').trim();
}

function genderOf(field: string): Gender | undefined {
  const word = field.toLocaleLowerCase('vi');
  if (word === 'nam') return 'male';
  if (word === 'nữ') return 'female';
  return undefined;
}

/** "DDMMYYYY" (or "DD/MM/YYYY") → LocalDate; undefined when not a real date. */
function dateOf(field: string): LocalDate | undefined {
  const m = DATE_SHAPED.exec(field);
  if (!m) return undefined;
  try {
    return formatLocalDate(Number(m[3]), Number(m[2]), Number(m[1]));
  } catch {
    return undefined; // 31/02, month 13, …
  }
}

function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^www\./i.test(text);
}

/** EMVCo merchant-presented QR (VietQR, bank apps): "000201…" ending in the CRC tag "6304XXXX". */
function isEmvPayment(text: string): boolean {
  return /^000201/.test(text) && /6304[0-9A-Fa-f]{4}$/.test(text);
}

// checkIdNumber answers by throwing its typed error (and throws nothing else): these two wrap it.

/** The number's own validity (format, province code). */
function validNumber(idNumber: string): boolean {
  try {
    checkIdNumber(idNumber);
    return true;
  } catch {
    return false;
  }
}

/** The number agrees with the birth date (century and year digits) and the gender (digit 4). */
function numberAgrees(idNumber: string, birthDate: LocalDate, gender: Gender): boolean {
  try {
    return checkIdNumber(idNumber, birthDate).gender === gender;
  } catch {
    return false;
  }
}

/**
 * Parses the text of an identity card's QR code. Never throws: bad input answers a typed
 * failure (see IdentityQrFailureReason), with the number when a valid one was found.
 */
export function parseIdentityQr(text: string, options: IdentityQrOptions = {}): IdentityQrResult {
  const whole = text.normalize('NFC').replace(/^\uFEFF/, '').trim();
  if (whole === '') return fail('empty');
  if (isUrl(whole) || isEmvPayment(whole)) return fail('not_identity_card');

  const fields = whole.split('|').map(clean);
  if (fields.length === 1) {
    // A lone number: a reader set to send only the number, or a burst cut after it.
    const only = fields[0]!;
    if (NUMBER_12.test(only)) return validNumber(only) ? fail('truncated', only) : fail('number_invalid');
    return fail('not_identity_card');
  }

  const genderAt = fields.findIndex((f) => genderOf(f) !== undefined);
  // The holder's number: the first 12-digit field. Anywhere but first, only a gender word
  // after it makes the text look like a card (a health-insurance QR has other codes first).
  const numberAt = fields.findIndex((f) => NUMBER_12.test(f));
  if (numberAt < 0 || (numberAt > 0 && !(genderAt > numberAt))) {
    // "0010901234|…" is not a cut (a cut loses the end, not the middle): something else.
    return fail('not_identity_card');
  }
  const idNumber = fields[numberAt]!;
  if (!validNumber(idNumber)) return fail('number_invalid');

  const used = new Set<number>([numberAt]);
  const warnings: IdentityQrWarning[] = [];

  // The birth date: the first field after the number made of digits, other than a 9- or 12-digit number.
  const isDateLike = (f: string) => DIGITS_LIKE.test(f) && !NUMBER_9.test(f) && !NUMBER_12.test(f);
  const birthAt = fields.findIndex((f, i) => i > numberAt && isDateLike(f));
  if (genderAt < 0 || birthAt < 0) return fail('truncated', idNumber);
  const birthDate = dateOf(fields[birthAt]!);
  if (!birthDate || (options.today !== undefined && birthDate > options.today)) return fail('birth_date_invalid', idNumber);
  used.add(birthAt);

  const gender = genderOf(fields[genderAt]!)!;
  used.add(genderAt);
  if (!numberAgrees(idNumber, birthDate, gender)) return fail('number_mismatch', idNumber);

  // The name: the first field of letters between the number and the gender.
  const nameAt = fields.findIndex((f, i) => i > numberAt && i < genderAt && NAME.test(f));
  if (nameAt < 0) {
    const somethingThere = fields.some((f, i) => i > numberAt && i < genderAt && f !== '' && !used.has(i) && !NUMBER_9.test(f));
    return fail(somethingThere ? 'name_invalid' : 'truncated', idNumber);
  }
  used.add(nameAt);

  // The issue date: the first date-like field after the gender. Every variant ends its core
  // fields with it, so without one the text was cut (typically inside the address).
  const issueAt = fields.findIndex((f, i) => i > genderAt && i !== birthAt && isDateLike(f));
  if (issueAt < 0) return fail('truncated', idNumber);
  const issueField = fields[issueAt]!;
  if (issueAt === fields.length - 1 && issueField.replace(/\D/g, '').length < 8) return fail('truncated', idNumber);
  used.add(issueAt);
  let issueDate = dateOf(issueField);
  if (!issueDate) {
    warnings.push({ code: 'issue_date_invalid', value: issueField });
  } else if (issueDate < birthDate || (options.today !== undefined && issueDate > options.today)) {
    warnings.push({ code: 'issue_date_implausible', value: issueDate });
    issueDate = undefined;
  }

  // The address: the first field with letters between the gender and the issue date.
  const addressAt = fields.findIndex((f, i) => i > genderAt && i < issueAt && HAS_LETTER.test(f));
  if (addressAt >= 0) used.add(addressAt);
  else warnings.push({ code: 'address_missing' });

  const oldAt = fields.findIndex((f, i) => i > numberAt && NUMBER_9.test(f));
  if (oldAt >= 0) used.add(oldAt);
  fields.forEach((f, i) => {
    if (!used.has(i) && NUMBER_12.test(f) && f !== idNumber) {
      used.add(i);
      warnings.push({ code: 'second_number', value: f });
    }
  });

  const extra = fields.filter((f, i) => !used.has(i) && f !== '');
  if (extra.length > 0) warnings.push({ code: 'extra_fields', value: String(extra.length) });
  const extraAfterIssue = fields.some((f, i) => i > issueAt && f !== '');

  const kind: IdentityCardKind = (issueDate !== undefined && issueDate >= CAN_CUOC_SINCE) || extraAfterIssue ? 'can_cuoc' : 'cccd';
  return ok(
    {
      kind,
      idNumber,
      ...(oldAt >= 0 ? { oldIdNumber: fields[oldAt]! } : {}),
      fullName: fields[nameAt]!,
      birthDate,
      gender,
      ...(addressAt >= 0 ? { address: fields[addressAt]! } : {}),
      ...(issueDate !== undefined ? { issueDate } : {}),
    },
    warnings,
  );
}
