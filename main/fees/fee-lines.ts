import { StationError, StationIssues } from '../core/errors';
import { exemptionReasonNames, feeLineAmounts, isExemptionReason, type Exemption } from '../core/fees';
import { formatMoney } from '../core/format';
import type { Procedure } from '../core/model';
import type { FeeLineInputWire } from '../contract/fees-schemas';
import type { NewFeeLine } from './fees-store';
import './messages'; // the texts of the errors thrown here

// The fee lines an officer puts on a dossier, checked against the procedure's catalogue as a
// whole (one answer lists every problem, each with its field): each fee from the catalogue,
// once; the catalogue's amount unless the catalogue leaves it to the province (0); every
// exemption with its reason, and "other grounds" written out.

const same = (a: string, b: string) => a.normalize('NFC').trim() === b.normalize('NFC').trim();

export function checkFeeLines(procedure: Procedure, lines: readonly FeeLineInputWire[]): NewFeeLine[] {
  const errors: StationError[] = [];
  const out: NewFeeLine[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const field = `lines.${i}`;
    const fee = procedure.fees.find((f) => same(f.name, line.feeName));
    if (!fee) {
      errors.push(new StationError('FEE_UNKNOWN', { fee: line.feeName, procedure: procedure.code }, `${field}.feeName`));
      return;
    }
    if (seen.has(fee.name)) errors.push(new StationError('FEE_DUPLICATE', { fee: fee.name }, `${field}.feeName`));
    seen.add(fee.name);
    if (line.unitAmountVnd !== undefined && fee.amountVnd > 0 && line.unitAmountVnd !== fee.amountVnd) {
      errors.push(new StationError('FEE_AMOUNT_FIXED', { fee: fee.name, amount: formatMoney(fee.amountVnd) }, `${field}.unitAmountVnd`));
    }
    let exemption: Exemption | null = null;
    if (line.exemption) {
      const reason = line.exemption.reason.trim();
      if (reason === '') errors.push(new StationError('FEE_EXEMPTION_REASON_REQUIRED', { fee: fee.name }, `${field}.exemption.reason`));
      else if (!isExemptionReason(reason)) errors.push(new StationError('FEE_EXEMPTION_REASON_UNKNOWN', { reason }, `${field}.exemption.reason`));
      else if (reason === 'other' && line.exemption.detail.trim() === '') errors.push(new StationError('FEE_EXEMPTION_DETAIL_REQUIRED', { fee: fee.name }, `${field}.exemption.detail`));
      else exemption = { reason, percent: line.exemption.percent, detail: line.exemption.detail.normalize('NFC').trim() };
    }
    const unitAmountVnd = fee.amountVnd > 0 ? fee.amountVnd : (line.unitAmountVnd ?? 0);
    const amounts = feeLineAmounts({ unitAmountVnd, quantity: line.quantity, exemption });
    out.push({ feeName: fee.name, note: fee.note ?? '', unitAmountVnd, quantity: line.quantity, exemption, ...amounts });
  });
  if (errors.length > 0) throw new StationIssues(errors);
  return out;
}

/** An exemption as the lists show it, with its reason in words. */
export function exemptionView(e: Exemption | null, lang: 'vi' | 'en') {
  return e === null ? null : { ...e, reasonName: exemptionReasonNames[e.reason][lang] };
}
