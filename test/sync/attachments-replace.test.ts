import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FILE_KINDS, SLIP_FILE_KIND } from '../../main/storage/attachment-replacement';
import { writeTransaction } from '../../main/storage/database';
import { queueDossierFile } from '../../main/storage/dossier-files-store';
import { attachScan, replaceScanFile, scanOfDocument, SCAN_FILE_KIND } from '../../main/storage/scanned-documents-store';
import { SIGNED_SCAN_KIND, SIGNED_SLIP_KIND } from '../../main/signing/signing-feature';
import { startSyncRig, type SyncRig } from './rig';

// A rescan replaces the document's file at the portal: the old one leaves the portal's record when
// the new one's upload completes, whatever the connection does in between (PROTOCOL.md, ThayThe).

type Listed = { attachments: Array<{ IdTaiLieu: string; Sha256: string; MaThanhPhanHoSo: string; TenTep: string }>; replaced: Array<{ IdTaiLieu: string; ThayBoi: string }> };
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Files stored straight through the stores (no feature event): the worker is told to send now, then the queue drains. */
const drained = async (rig: SyncRig) => {
  await rig.call('sync.retryNow', {});
  await rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0, 20_000);
};
const portalId = (rig: SyncRig) => (rig.sim.store.dossiers(null)[0] as unknown as { IdHoSo: string }).IdHoSo;
const atPortal = (rig: SyncRig) => rig.sim.store.attachments(portalId(rig)) as unknown as Listed;
const dossierIdOf = (rig: SyncRig, code: string) => (rig.station.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(code) as { id: number }).id;

/** A scan of one document, as the scanning feature stores it (a PDF on disk, its record and upload entry in one transaction). */
function scan(rig: SyncRig, dossierId: number, documentCode: string, bytes: Buffer) {
  const path = join(rig.dir, `scan-${randomUUID()}.pdf`);
  writeFileSync(path, bytes);
  return attachScan(rig.station.db, {
    dossierId, documentCode, fileName: `${documentCode}.pdf`, path, size: bytes.length, sha256: sha256(bytes), pages: 1,
    colorMode: 'gray', resolution: 200, scanner: 'test', scannedAt: Date.now(), idempotencyKey: randomUUID(),
  });
}

function file(rig: SyncRig, dossierId: number, kind: string, documentCode: string | null, bytes: Buffer): number {
  const path = join(rig.dir, `${kind}-${randomUUID()}.pdf`);
  writeFileSync(path, bytes);
  return writeTransaction(rig.station.db, () => queueDossierFile(rig.station.db, {
    dossierId, kind, documentCode, fileName: `${kind}.pdf`, mime: 'application/pdf', path, size: bytes.length, sha256: sha256(bytes),
  }, randomUUID(), Date.now()));
}

/** A deterministic random source for the simulator's fault rates. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

describe('a rescan at the portal', () => {
  it('replaces the earlier scan of the document, through dropped and failed answers, and leaves other documents alone', async () => {
    const rig = await startSyncRig({ simRandom: seeded(7) });
    const saved = await rig.save();
    const id = dossierIdOf(rig, saved.code);
    const [tp1, tp2] = saved.documents.map((d) => d.code);
    const first = randomBytes(300_000); // two chunks
    const other = randomBytes(20_000);
    scan(rig, id, tp1!, first);
    scan(rig, id, tp2!, other);
    await drained(rig);
    expect(atPortal(rig).attachments.map((a) => a.Sha256).sort()).toEqual([sha256(first), sha256(other)].sort());

    // The officer scans the first document again; the network drops answers after the portal committed them.
    rig.sim.faults.set({ dropAfterCommit: 0.4, rate5xx: 0.2 });
    const rescan = randomBytes(280_000);
    scan(rig, id, tp1!, rescan);
    await drained(rig);
    rig.sim.faults.reset();

    const now = atPortal(rig);
    expect(now.attachments.filter((a) => a.MaThanhPhanHoSo === tp1).map((a) => a.Sha256)).toEqual([sha256(rescan)]);
    expect(now.attachments.filter((a) => a.MaThanhPhanHoSo === tp2).map((a) => a.Sha256)).toEqual([sha256(other)]);
    expect(now.replaced).toHaveLength(1);
    expect((await rig.call<{ state: string }>('dossier.syncInfo', { code: saved.code })).state).toBe('synced');
    expect((await rig.call<{ rejected: number }>('sync.status', {})).rejected).toBe(0);
  });

  it('sends scans made offline in order, so the portal ends with the last one only', async () => {
    const rig = await startSyncRig();
    const saved = await rig.save();
    await drained(rig);
    const id = dossierIdOf(rig, saved.code);
    const tp1 = saved.documents[0]!.code;
    rig.sim.faults.set({ dropBeforeCommit: 1 }); // the portal is unreachable
    const scans = [randomBytes(9000), randomBytes(9001), randomBytes(9002)];
    for (const bytes of scans) scan(rig, id, tp1, bytes);
    rig.sim.faults.reset();
    await drained(rig);
    const now = atPortal(rig);
    expect(now.attachments.map((a) => a.Sha256)).toEqual([sha256(scans[2]!)]);
    expect(now.replaced).toHaveLength(2);
  });

  it("puts the scan's signed copy in its place, and a slip signed again in the earlier slip's; other files never replace", async () => {
    const rig = await startSyncRig();
    const saved = await rig.save();
    const id = dossierIdOf(rig, saved.code);
    const tp1 = saved.documents[0]!.code;
    const unsigned = scan(rig, id, tp1, randomBytes(5000));
    const slip = randomBytes(4000);
    file(rig, id, SIGNED_SLIP_KIND, null, slip);
    const loose = [randomBytes(3000), randomBytes(3001)];
    for (const bytes of loose) file(rig, id, SCAN_FILE_KIND, null, bytes); // files outside the procedure's documents
    await drained(rig);
    expect(atPortal(rig).attachments).toHaveLength(4);

    // The scan signed with the officer's token (as signing stores it), and the slip signed again.
    const signed = randomBytes(5500);
    writeTransaction(rig.station.db, () => {
      const signedId = file(rig, id, SIGNED_SCAN_KIND, tp1, signed);
      expect(replaceScanFile(rig.station.db, id, tp1, unsigned.fileId, signedId)).toBe(true);
    });
    const slipAgain = randomBytes(4100);
    file(rig, id, SIGNED_SLIP_KIND, null, slipAgain);
    await drained(rig);

    const now = atPortal(rig);
    expect(now.attachments.map((a) => a.Sha256).sort()).toEqual([sha256(signed), sha256(slipAgain), ...loose.map(sha256)].sort());
    expect(now.replaced).toHaveLength(2);
    expect(scanOfDocument(rig.station.db, id, tp1)?.sha256).toBe(sha256(signed));
  });

  it("knows the kinds of file of a document and of the slip as their owners name them", () => {
    expect([...DOCUMENT_FILE_KINDS].sort()).toEqual([SCAN_FILE_KIND, SIGNED_SCAN_KIND].sort());
    expect(SLIP_FILE_KIND).toBe(SIGNED_SLIP_KIND);
  });
});
