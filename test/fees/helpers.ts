import { randomUUID } from 'node:crypto';
import type { Envelope } from '../../main/contract/channels';
import type { Officer } from '../../main/contract/dispatch';
import type { DossierFeesView, ReceiptBookViewWire, ReceiptViewWire } from '../../main/contract/fees-schemas';
import type { ErrorPayload } from '../../main/core/errors';
import type { Station } from '../../main/station';
import { draftFor, type DraftOverrides } from '../helpers/drafts';
import { sessionOf } from '../helpers/station';

// Fees tests talk to the station through the contract, as a host does, for a named officer.

/** "Chứng thực bản sao từ bản chính": 2,000 đ a page, fixed by the catalogue. */
export const COPY_CERTIFICATION = '2.000815';
export const COPY_FEE = 'Phí chứng thực bản sao từ bản chính';
/** "Chứng thực chữ ký": 10,000 đ. */
export const SIGNATURE_CERTIFICATION = '2.000884';
export const SIGNATURE_FEE = 'Phí chứng thực chữ ký';
/** Birth registration: the charge is 0 in the catalogue (waived on time; late, the province sets it). */
export const BIRTH_REGISTRATION = '1.001193';
export const BIRTH_FEE = 'Lệ phí đăng ký khai sinh';

export const THU: Officer = { id: 'officer-thu', name: 'Trần Thị Thu', roles: ['reception'] };
export const BINH: Officer = { id: 'officer-binh', name: 'Lê Văn Bình', roles: ['reception'] };
export const TECH: Officer = { id: 'officer-tech', name: 'Phạm Kỹ Thuật', roles: ['technician'] };
export const LEADER: Officer = { id: 'officer-lead', name: 'Nguyễn Lãnh Đạo', roles: ['leader'] };

export type FeesAnswer = Readonly<{ fees: DossierFeesView; receipt: ReceiptViewWire | null }>;

export type FeesClient = Readonly<{
  answer: (channel: string, payload: unknown, officer?: Officer) => Promise<Envelope<unknown>>;
  call: <T>(channel: string, payload: unknown, officer?: Officer) => Promise<T>;
  refused: (channel: string, payload: unknown, officer?: Officer) => Promise<ErrorPayload>;
  /** A received dossier of a demo procedure; answers its code. */
  dossier: (procedureCode?: string, overrides?: DraftOverrides) => Promise<string>;
  assign: (range?: Partial<{ formNumber: string; series: string; kind: 'paper' | 'electronic'; first: number; last: number; note: string }>) => Promise<ReceiptBookViewWire[]>;
  /** Records the fees of a dossier and pays them at once, as `officer`. */
  payNow: (code: string, lines: unknown[], payment: Record<string, unknown>, officer?: Officer) => Promise<FeesAnswer>;
  /** Rows of every table a fee write touches, and the ranges' next numbers: a refusal leaves them as they were. */
  written: () => Record<string, number>;
}>;

export function feesClient(station: Station): FeesClient {
  const answer = (channel: string, payload: unknown, officer: Officer = THU) => station.dispatch(channel, payload, sessionOf(station, officer));
  const call = async <T,>(channel: string, payload: unknown, officer?: Officer): Promise<T> => {
    const a = await answer(channel, payload, officer);
    if (!a.ok) throw new Error(`${channel} refused: ${JSON.stringify(a.error)}`);
    return a.value as T;
  };
  return {
    answer,
    call,
    refused: async (channel, payload, officer) => {
      const a = await answer(channel, payload, officer);
      if (a.ok) throw new Error(`${channel} was expected to refuse but answered ${JSON.stringify(a.value)}`);
      return a.error;
    },
    dossier: async (procedureCode = COPY_CERTIFICATION, overrides = {}) => {
      const procedure = await station.handlers['catalogue.get']({ code: procedureCode });
      const a = await answer('dossier.save', draftFor(procedure, overrides));
      if (!a.ok) throw new Error(`dossier.save refused: ${JSON.stringify(a.error)}`);
      return (a.value as { code: string }).code;
    },
    assign: (range = {}) =>
      call('receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', kind: 'paper', first: 1, last: 500, note: '', ...range }, TECH),
    payNow: (code, lines, payment, officer = THU) =>
      call<FeesAnswer>('fees.record', { code, lines, payment: { paymentKey: randomUUID(), method: 'cash', ...payment } }, officer),
    written: () => {
      const n = (sql: string) => (station.db.prepare(sql).get() as { n: number | null }).n ?? 0;
      return {
        receipts: n('SELECT count(*) AS n FROM receipts'),
        receipt_items: n('SELECT count(*) AS n FROM receipt_items'),
        dossier_fees: n('SELECT count(*) AS n FROM dossier_fees'),
        paid_lines: n('SELECT count(*) AS n FROM dossier_fees WHERE receipt_id IS NOT NULL'),
        voided: n('SELECT count(*) AS n FROM receipts WHERE voided_at IS NOT NULL'),
        outbox: n('SELECT count(*) AS n FROM outbox'),
        ereceipt_jobs: n('SELECT count(*) AS n FROM ereceipt_jobs'),
        range_next: n('SELECT sum(next) AS n FROM receipt_ranges'),
        ranges: n('SELECT count(*) AS n FROM receipt_ranges'),
      };
    },
  };
}

/** The DanhSachLePhi of the dossier's latest queued portal update. */
export function lastFeeUpdate(station: Station): unknown[] {
  const row = station.db.prepare("SELECT payload FROM outbox WHERE kind = 'dossier.update' ORDER BY id DESC LIMIT 1").get() as { payload: string } | undefined;
  if (!row) throw new Error('no dossier.update queued');
  return (JSON.parse(row.payload) as { DanhSachLePhi: unknown[] }).DanhSachLePhi;
}
