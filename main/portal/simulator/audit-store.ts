import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SimError } from './sim-error';
import type { SimDb } from './store';

// The portal's side of the station's audit log (PROTOCOL.md, "Audit log"): batches in order per
// station, each linked to the last entry received. The receiver recomputes every hash with its
// own implementation of the format (not the station's code), so a station that sends entries it
// did not chain, skips some or rewrites received ones is refused — and the test of this receiver
// is also a test that the format is written down completely.

const FORMAT = 'mot-cua-audit/1';
const GENESIS = '0'.repeat(64);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const auditBatchSchema = z.object({
  MaMayTram: z.string().min(1).max(60),
  TiepTheo: z.object({ Seq: z.number().int().min(1), MaBam: hex64 }).nullable(),
  DanhSach: z.array(z.object({
    Seq: z.number().int().min(1),
    ThoiDiem: z.number().int().min(0),
    CanBo: z.string().min(1).max(100),
    HanhDong: z.string().min(1).max(64),
    IdHoSo: z.number().int().min(1).nullable(),
    Truoc: z.string().max(262_144).nullable(),
    Sau: z.string().max(262_144).nullable(),
    MaBamTruoc: hex64,
    MaBam: hex64,
  }).strict()).min(1).max(500),
}).strict();

type Entry = z.infer<typeof auditBatchSchema>['DanhSach'][number];

const hashOf = (e: Entry) => createHash('sha256')
  .update(JSON.stringify([FORMAT, e.Seq, e.ThoiDiem, e.CanBo, e.HanhDong, e.IdHoSo, e.Truoc, e.Sau, e.MaBamTruoc]))
  .digest('hex');

export function createAuditReceiver(db: SimDb) {
  db.exec(`CREATE TABLE IF NOT EXISTS audit_entries (
    agency TEXT NOT NULL, station TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (agency, station, seq)) WITHOUT ROWID`);
  const head = db.prepare('SELECT seq, hash FROM audit_entries WHERE agency = ? AND station = ? ORDER BY seq DESC LIMIT 1');
  const at = db.prepare('SELECT hash FROM audit_entries WHERE agency = ? AND station = ? AND seq = ?');
  const insert = db.prepare('INSERT INTO audit_entries (agency, station, seq, hash, body) VALUES (?, ?, ?, ?, ?)');

  return {
    /** Takes one batch; answers how far the station's log is now held. Refusals write nothing. */
    receive: (agency: string, batch: z.infer<typeof auditBatchSchema>) => db.transaction(() => {
      const station = batch.MaMayTram;
      // The batch must hold together: consecutive, each linked to the one before, each hash right.
      let previous = batch.TiepTheo ? { seq: batch.TiepTheo.Seq, hash: batch.TiepTheo.MaBam } : { seq: 0, hash: GENESIS };
      for (const [i, e] of batch.DanhSach.entries()) {
        if (e.Seq !== previous.seq + 1 || e.MaBamTruoc !== previous.hash) {
          throw new SimError(422, 'AUDIT_CHAIN_BROKEN', `Mục nhật ký ${e.Seq} không nối tiếp mục ${previous.seq}.`, { field: `DanhSach[${i}]` });
        }
        if (hashOf(e) !== e.MaBam) throw new SimError(422, 'AUDIT_HASH_MISMATCH', `Mã băm của mục nhật ký ${e.Seq} không khớp nội dung.`, { field: `DanhSach[${i}].MaBam` });
        previous = { seq: e.Seq, hash: e.MaBam };
      }
      // …and continue what is held: the entry it follows must be the one received.
      const held = head.get(agency, station) as { seq: number; hash: string } | undefined;
      const heldSeq = held?.seq ?? 0;
      if (batch.TiepTheo) {
        const known = at.get(agency, station, batch.TiepTheo.Seq) as { hash: string } | undefined;
        if (!known) throw new SimError(409, 'AUDIT_CHAIN_GAP', `Chưa nhận mục nhật ký ${batch.TiepTheo.Seq}: gửi tiếp từ mục ${heldSeq + 1}.`, { expected: heldSeq + 1 });
        if (known.hash !== batch.TiepTheo.MaBam) throw new SimError(409, 'AUDIT_CHAIN_FORK', `Mục nhật ký ${batch.TiepTheo.Seq} khác bản đã nhận: nhật ký của trạm đã bị viết lại.`, { seq: batch.TiepTheo.Seq });
      }
      let added = 0;
      for (const e of batch.DanhSach) {
        const known = at.get(agency, station, e.Seq) as { hash: string } | undefined;
        if (known) {
          // Sent again (the answer was lost): the same entry is fine, another one is a rewrite.
          if (known.hash !== e.MaBam) throw new SimError(409, 'AUDIT_CHAIN_FORK', `Mục nhật ký ${e.Seq} khác bản đã nhận: nhật ký của trạm đã bị viết lại.`, { seq: e.Seq });
          continue;
        }
        insert.run(agency, station, e.Seq, e.MaBam, JSON.stringify(e));
        added++;
      }
      const now = head.get(agency, station) as { seq: number; hash: string };
      return { status: 200, body: JSON.stringify({ DaNhan: now.seq, MaBam: now.hash, Moi: added }) };
    })(),
    /** For the simulator's administration and the tests: what is held of a station's log. */
    entries: (agency: string, station: string) =>
      (db.prepare('SELECT body FROM audit_entries WHERE agency = ? AND station = ? ORDER BY seq').all(agency, station) as Array<{ body: string }>).map((r) => JSON.parse(r.body) as Entry),
  };
}
