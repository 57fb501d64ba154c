// Dossier rows as intake writes them (insertDossier: the dossier, its documents, its search keys
// and its outbox entry in one transaction), for the encryption tests and benchmark. No vitest
// import: the benchmark uses it too.
import { randomUUID } from 'node:crypto';
import { demoCatalogue } from '../../main/catalogue/demo-catalogue';
import { stationBlocks } from '../../main/storage/code-allocation';
import { replaceCatalogue } from '../../main/storage/catalogue-store';
import type { Db } from '../../main/storage/database';
import { insertDossier, type NewDossier } from '../../main/storage/dossier-store';
import { idNumberFor } from '../helpers/people';

/** One citizen whose data must never be readable in the files: searched for byte by byte. */
export const CITIZEN = {
  fullName: 'Hoàng Thị Phương Thảo',
  idNumber: idNumberFor('1988-04-09', 'female', { province: '036', serial: 704512 }),
  birthDate: '1988-04-09',
  phone: '0987654321',
  address: 'Số 47 ngõ Văn Chương, phường Văn Miếu - Quốc Tử Giám, Hà Nội',
} as const;

const procedure = demoCatalogue[0]!;

export function seedCatalogue(db: Db): void {
  replaceCatalogue(db, demoCatalogue);
}

export const allocator = stationBlocks({
  scope: '000.00.06.H56#1',
  first: 1,
  last: 999_999,
  format: (seq: number) => `000.00.06.H56-261123-${String(seq).padStart(6, '0')}`,
  onExhausted: (): never => { throw new Error('sequence exhausted'); },
});

/** The dossier of `owner` received on Monday 23/11/2026 09:32, as intake hands it to storage. */
export function dossierOf(owner: NewDossier['owner']): NewDossier {
  return {
    intakeKey: randomUUID(),
    procedureCode: procedure.code,
    procedureName: procedure.name,
    processingTime: procedure.processingTime,
    status: 2,
    channel: 1,
    owner,
    submitter: null,
    resultDelivery: { method: 'counter' },
    documents: procedure.documents.map((d) => ({ code: d.code, name: d.name, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies })),
    sets: procedure.sets,
    notes: 'Công dân nộp trực tiếp tại quầy số 2',
    receivedAtMs: Date.parse('2026-11-23T02:32:00Z'),
    receivedAt: '2026-11-23T09:32',
    countingFrom: '2026-11-23T09:32',
    appointmentAt: '2026-11-23T17:00',
    logBookVolume: '2026',
    officerName: 'Nguyễn Thị Hằng',
  };
}

/** Receives one dossier in one write transaction, its outbox entry carrying the whole record (as the portal's does). */
export function receive(db: Db, record: NewDossier): number {
  return insertDossier(db, record, allocator, {
    kind: 'dossier.create',
    idempotencyKey: randomUUID(),
    payload: (code) => ({ MaHoSo: code, MaCoQuan: '000.00.06.H56', ...record }),
  }).id;
}

/** Every table's rows in a stable order: what must survive a conversion unchanged. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).raw(true).all()]));
}
