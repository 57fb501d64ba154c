import type { ChannelInput, ChannelOutput } from '../../../../main/contract/channels';
import { feeLineAmounts, feeTotals, isExemptionReason, type ExemptionReason, type FeeLineAmounts, type FeeTotals } from '../../../../main/core/fees';

// The fee lines as the officer edits them before they are recorded: pre-filled from the
// procedure's catalogue (or from what was recorded), amounts computed by the core exactly as the
// station computes them, turned into the `lines` of `fees.record`. Pure: no React, no station.

export type DossierFees = ChannelOutput<'fees.get'>;
export type FeeLineInput = NonNullable<ChannelInput<'fees.record'>['lines']>[number];

export type ExemptionDraft = Readonly<{ reason: ExemptionReason; /** As typed: "50". */ percent: string; detail: string }>;

export type LineDraft = Readonly<{
  feeName: string;
  note: string;
  /** The catalogue sets the amount; otherwise the province does and the officer types it. */
  fixed: boolean;
  /** As typed, in đồng ("5000", "5.000"). */
  unitAmount: string;
  /** As typed; 0 leaves the fee off this dossier. */
  quantity: string;
  exemption: ExemptionDraft | null;
}>;

/** "5.000", "5 000", "5000 đ" → 5000; nothing usable → 0. */
export function parseVnd(text: string): number {
  const digits = text.replace(/\D/g, '');
  return digits === '' ? 0 : Math.min(Number(digits), 100_000_000_000);
}

/** "3" → 3; empty, negative or not a number → 0. */
export function parseCount(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 0;
}

/** A percentage as the station takes it: 1–100, 100 when left empty. */
export function parsePercent(text: string): number {
  if (text.trim() === '') return 100;
  const n = Math.round(Number(text.replace(',', '.')));
  return Number.isFinite(n) ? Math.max(1, Math.min(100, n)) : 100;
}

/**
 * The lines to edit: what was recorded (with the procedure's other fees at quantity 0, to add
 * them back), or else every fee of the procedure once.
 */
export function draftOf(view: DossierFees): LineDraft[] {
  const fixedOf = (name: string) => view.catalogueFees.find((f) => f.name === name)?.fixed ?? true;
  if (view.recorded) {
    const recorded = view.lines.map((l): LineDraft => ({
      feeName: l.feeName, note: l.note, fixed: fixedOf(l.feeName), unitAmount: String(l.unitAmountVnd), quantity: String(l.quantity),
      exemption: l.exemption ? { reason: l.exemption.reason, percent: String(l.exemption.percent), detail: l.exemption.detail } : null,
    }));
    const others = view.catalogueFees.filter((f) => !view.lines.some((l) => l.feeName === f.name))
      .map((f): LineDraft => ({ feeName: f.name, note: f.note, fixed: f.fixed, unitAmount: String(f.amountVnd), quantity: '0', exemption: null }));
    return [...recorded, ...others];
  }
  return view.catalogueFees.map((f) => ({ feeName: f.name, note: f.note, fixed: f.fixed, unitAmount: String(f.amountVnd), quantity: '1', exemption: null }));
}

export function amountsOf(line: LineDraft): FeeLineAmounts {
  return feeLineAmounts({
    unitAmountVnd: parseVnd(line.unitAmount),
    quantity: parseCount(line.quantity),
    exemption: line.exemption ? { reason: line.exemption.reason, percent: parsePercent(line.exemption.percent), detail: line.exemption.detail } : null,
  });
}

export function totalsOf(lines: readonly LineDraft[]): FeeTotals {
  return feeTotals(lines.map(amountsOf));
}

export type LinesToRecord = Readonly<{
  lines: FeeLineInput[];
  /** For each line sent, the row of the draft it came from (the station's errors name `lines.<i>`). */
  rows: number[];
}>;

/** The draft as `fees.record` takes it: the lines with a quantity, the amount only where the officer sets it. */
export function linesToRecord(draft: readonly LineDraft[]): LinesToRecord {
  const lines: FeeLineInput[] = [];
  const rows: number[] = [];
  draft.forEach((l, row) => {
    const quantity = parseCount(l.quantity);
    if (quantity === 0) return;
    lines.push({
      feeName: l.feeName,
      quantity,
      ...(l.fixed ? {} : { unitAmountVnd: parseVnd(l.unitAmount) }),
      exemption: l.exemption ? { reason: l.exemption.reason, percent: parsePercent(l.exemption.percent), detail: l.exemption.detail.trim() } : null,
    });
    rows.push(row);
  });
  return { lines, rows };
}

/** Whether the draft is what the station already holds (then paying needs no new recording). */
export function sameAsRecorded(draft: readonly LineDraft[], view: DossierFees): boolean {
  if (!view.recorded) return false;
  const { lines } = linesToRecord(draft);
  if (lines.length !== view.lines.length) return false;
  return lines.every((l, i) => {
    const r = view.lines[i]!;
    const unit = l.unitAmountVnd ?? r.unitAmountVnd;
    const ex = l.exemption ?? null;
    const sameExemption = ex === null
      ? r.exemption === null
      : r.exemption !== null && r.exemption.reason === ex.reason && r.exemption.percent === (ex.percent ?? 100) && r.exemption.detail === (ex.detail ?? '');
    return r.feeName === l.feeName && r.quantity === l.quantity && r.unitAmountVnd === unit && sameExemption;
  });
}

/** The station's `lines.<i>.<field>` errors as `rows.<row>.<field>` of the draft, and the others as they came. */
export function errorsByRow(fields: Readonly<Record<string, string>>, rows: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const m = /^lines\.(\d+)(\..*)?$/.exec(field);
    const row = m ? rows[Number(m[1])] : undefined;
    out[m && row !== undefined ? `rows.${row}${m[2] ?? ''}` : field] = message;
  }
  return out;
}

/** Whether an error names a fee line (those go back to the table, not to the payment dialog). */
export const namesLine = (field: string) => /^lines\./.test(field);

/** The payment's key, minted when the payment form opens: sending the same payment twice makes one receipt. */
export function newPaymentKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Where randomUUID is missing (a page not counted as a secure context), a version-4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const reasonOrNull = (value: string): ExemptionReason | null => (isExemptionReason(value) ? value : null);
