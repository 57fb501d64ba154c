import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { auditBatchBody, nextAuditBatch } from '../../../main/storage/audit-export';
import { openTestStation } from '../../helpers/station';
import { startTestPortal } from './harness';

// The station's audit log sent to the portal in batches from a cursor (PROTOCOL.md, "Audit
// log"): the simulator recomputes every hash with its own code and checks each batch continues
// what it holds — a resend is harmless, a gap or a rewritten entry is refused and nothing is kept.

const AGENCY = '000.00.06.H56';
const path = `/agencies/${AGENCY}/audit-batches`;

async function stationWithLog(dossiers: number) {
  const station = openTestStation();
  for (let i = 0; i < dossiers; i++) await station.save(await station.validDraft({ owner: { fullName: `Nguyễn Văn Số ${'ABCDEFGHIJ'[i]}` } }));
  return station;
}

describe('POST /agencies/{MaCoQuan}/audit-batches', () => {
  it('takes the log batch by batch from the cursor; a batch sent again changes nothing', async () => {
    const portal = await startTestPortal();
    const station = await stationWithLog(3);
    const total = (station.db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    expect(total).toBeGreaterThanOrEqual(3);

    let cursor = 0;
    let batches = 0;
    for (let batch = nextAuditBatch(station.db, cursor, 2); batch; batch = nextAuditBatch(station.db, cursor, 2)) {
      const reply = await portal.call('POST', path, { body: auditBatchBody('may-tram-1', batch) });
      expect(reply.status).toBe(200);
      expect(reply.json.DaNhan).toBe(batch.entries.at(-1)!.seq);
      cursor = reply.json.DaNhan as number; // the station moves its cursor only on the portal's word
      batches++;
    }
    expect(cursor).toBe(total);
    expect(batches).toBe(Math.ceil(total / 2));

    // The first batch again (its answer lost): accepted, nothing new.
    const again = await portal.call('POST', path, { body: auditBatchBody('may-tram-1', nextAuditBatch(station.db, 0, 2)!) });
    expect(again).toMatchObject({ status: 200, json: { DaNhan: total, Moi: 0 } });
    await station.close();
  });

  it('refuses an entry whose hash does not match, a gap and a rewritten entry, keeping nothing of them', async () => {
    const portal = await startTestPortal();
    const station = await stationWithLog(3);
    const first = nextAuditBatch(station.db, 0, 1)!;
    expect((await portal.call('POST', path, { body: auditBatchBody('may-tram-2', first) })).status).toBe(200);

    // An entry edited after it was chained (the officer changed in the copy sent).
    const second = nextAuditBatch(station.db, 1, 1)!;
    const edited = { ...second, entries: [{ ...second.entries[0]!, officerId: 'ai-do-khac' }] };
    const badHash = await portal.call('POST', path, { body: auditBatchBody('may-tram-2', edited) });
    expect(badHash).toMatchObject({ status: 422, json: { error: { code: 'AUDIT_HASH_MISMATCH' } } });

    // A batch that skips entry 2.
    const third = nextAuditBatch(station.db, 2, 1)!;
    const gap = await portal.call('POST', path, { body: auditBatchBody('may-tram-2', third) });
    expect(gap).toMatchObject({ status: 409, json: { error: { code: 'AUDIT_CHAIN_GAP', expected: 2 } } });
    expect(gap.json.error.message).toContain('gửi tiếp từ mục 2');

    // A log rebuilt from entry 1 (every hash recomputed, so the batch itself holds together).
    const forged = { ...first.entries[0]!, action: 'officer.login' };
    const forgedHash = createHash('sha256').update(JSON.stringify(['mot-cua-audit/1', forged.seq, forged.at, forged.officerId, forged.action, forged.dossierId, forged.before, forged.after, forged.prevHash])).digest('hex');
    const fork = await portal.call('POST', path, { body: auditBatchBody('may-tram-2', { after: null, entries: [{ ...forged, hash: forgedHash }] }) });
    expect(fork).toMatchObject({ status: 409, json: { error: { code: 'AUDIT_CHAIN_FORK', seq: 1 } } });

    // After all that, the portal still holds exactly entry 1, and the true entry 2 continues it.
    const ok = await portal.call('POST', path, { body: auditBatchBody('may-tram-2', second) });
    expect(ok).toMatchObject({ status: 200, json: { DaNhan: 2, Moi: 1 } });
    await station.close();
  });
});
