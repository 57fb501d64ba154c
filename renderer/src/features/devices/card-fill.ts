import { formatDate } from '../../../../main/core/format';
import type { IdentityScan } from '../../../../main/contract/devices-channels';

// What a card read gives the intake form: the fields the form has (the card's sex has no field
// of its own; the identity number's digits say it), which of them are empty and can be filled at
// once, and which differ from what the officer typed — those wait for the officer's word.

export type CardField = 'fullName' | 'idNumber' | 'birthDate' | 'address';
export const CARD_FIELDS: readonly CardField[] = ['fullName', 'idNumber', 'birthDate', 'address'];

export type OwnerFields = Readonly<Record<CardField, string>>;
export type CardValues = Partial<Record<CardField, string>>;

export type CardPlan = Readonly<{
  /** Empty in the form: filled at once. */
  fill: CardValues;
  /** Typed otherwise by the officer: the card's value, kept aside until asked. */
  differ: ReadonlyArray<Readonly<{ field: CardField; typed: string; card: string }>>;
}>;

type Card = Extract<IdentityScan, { ok: true }>['card'];

/** The card as the form's fields hold them (a date as typed, dd/mm/yyyy). */
export function cardValues(card: Card): CardValues {
  return {
    fullName: card.fullName,
    idNumber: card.idNumber,
    birthDate: formatDate(card.birthDate),
    ...(card.address ? { address: card.address } : {}),
  };
}

const same = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi') === b.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

export function planFill(typed: OwnerFields, card: CardValues): CardPlan {
  const fill: CardValues = {};
  const differ: Array<{ field: CardField; typed: string; card: string }> = [];
  for (const field of CARD_FIELDS) {
    const value = card[field];
    if (value === undefined) continue;
    const now = typed[field].trim();
    if (now === '') fill[field] = value;
    else if (!same(now, value)) differ.push({ field, typed: now, card: value });
  }
  return { fill, differ };
}
