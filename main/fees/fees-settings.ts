import { z } from 'zod';
import type { Db } from '../storage/database';
import { readSetting, writeSetting } from '../storage/settings-store';

// The fees settings the technician sets: the collecting agency's tax code (printed on receipts,
// required by e-receipts), the receipt paper and copies, the e-receipt provider (its key sealed
// with the station's vault, never stored in plain text).

export const feesSettingsSchema = z.object({
  collectorTaxCode: z.string().regex(/^(\d{10}|\d{10}-\d{3}|)$/),
  receiptPaper: z.enum(['A4', 'A5']),
  /** One label per printed copy ("Liên 1: Lưu", "Liên 2: Giao cho người nộp tiền"). */
  receiptCopies: z.array(z.string().min(1).max(60)).min(1).max(3),
  ereceiptUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  ereceiptSealedKey: z.string().max(4000),
});
export type FeesSettings = z.infer<typeof feesSettingsSchema>;

export const defaultFeesSettings: FeesSettings = {
  collectorTaxCode: '',
  receiptPaper: 'A5',
  receiptCopies: ['Lưu', 'Giao cho người nộp tiền'],
  ereceiptUrl: '',
  ereceiptSealedKey: '',
};

const KEY = 'fees';

export function readFeesSettings(db: Db): FeesSettings {
  return readSetting(db, KEY, feesSettingsSchema, defaultFeesSettings);
}

export function writeFeesSettings(db: Db, settings: FeesSettings): FeesSettings {
  return writeSetting(db, KEY, feesSettingsSchema, settings);
}
