// The station core as a separate process, for the crash harness (crash-harness.ts): it receives
// dossiers and syncs them to the portal simulator until it is killed. It reports on stdout only
// what the officer would have been told: "ACK <owner name> <code>" after a save returned, and
// "FILE <owner name> <sha256>" after a scan was recorded with its dossier (every sixth dossier's
// document is scanned again: "RESCAN <sha256> <owner name>" just before the rescan is recorded). With "life" it also
// takes each same-day dossier through the counter (finished there, handed back) and reports
// "STEP <event> <owner name>" after each change returned.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DossierView } from '../../main/contract/schemas';
import { writeTransaction } from '../../main/storage/database';
import { queueDossierFile } from '../../main/storage/dossier-files-store';
import { openStation } from '../../main/station';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

const [dataDir, portalUrl, clientId, clientSecret, mode, runId, life] = process.argv.slice(2) as [string, string, string, string, 'work' | 'drain', string, string | undefined];

const station = openStation({ callsWithoutSession: TEST_OFFICER,
  dataDir,
  host: 'web',
  version: 'crash-test',
  sync: { worker: { random: () => 0.002, pingEveryMs: 30, pullEveryMs: 3_600_000, concurrency: 8 } },
});
const dispatch = station.dispatch;
const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
  const a = await dispatch(channel, payload);
  if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
  return a.value as T;
};

const settings = await call<{ url: string }>('portal.settings', {});
if (settings.url !== portalUrl) await call('portal.configure', { url: portalUrl, clientId, clientSecret });

if (mode === 'drain') {
  const outbox = () => (station.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  while (outbox() > 0) await new Promise((r) => setTimeout(r, 20));
  await station.close();
  process.stdout.write('DRAINED\n');
  process.exit(0);
}

process.stdout.write('READY\n');
const procedure = await call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
const files = join(dataDir, 'scans');
mkdirSync(files, { recursive: true });
for (let i = 0; ; i++) {
  const name = `Crash ${runId} ${i}`;
  const saved = await call<DossierView>('dossier.save', draftFor(procedure, { owner: { fullName: name } }));
  process.stdout.write(`ACK ${saved.code} ${name}\n`);
  if (life === 'life') {
    // Received, done and handed back at the counter within moments: killed at any point of it.
    for (const step of [
      { event: 'finish_at_counter' },
      { event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } },
    ]) {
      await call('dossier.transition', { code: saved.code, ...step });
      process.stdout.write(`STEP ${step.event} ${name}\n`);
    }
  }
  if (i % 3 === 0) {
    // A scan: the file is written first, then linked to the dossier with its outbox entry in one transaction.
    const bytes = randomBytes(40_000 + Math.floor(Math.random() * 400_000));
    const path = join(files, `${randomUUID()}.pdf`);
    writeFileSync(path, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { id } = station.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(saved.code) as { id: number };
    writeTransaction(station.db, () =>
      queueDossierFile(station.db, { dossierId: id, kind: 'scan', documentCode: 'TP1', fileName: 'tp1.pdf', mime: 'application/pdf', path, size: bytes.length, sha256 }, randomUUID(), Date.now()),
    );
    process.stdout.write(`FILE ${sha256} ${name}\n`);
    if (i % 6 === 0) {
      // The officer scans the document again: announced before it is recorded (a kill may come
      // before or after the commit), then reported as any file. The portal must end with one of them.
      const again = randomBytes(40_000 + Math.floor(Math.random() * 400_000));
      const againPath = join(files, `${randomUUID()}.pdf`);
      writeFileSync(againPath, again);
      const againSha = createHash('sha256').update(again).digest('hex');
      process.stdout.write(`RESCAN ${againSha} ${name}\n`);
      writeTransaction(station.db, () =>
        queueDossierFile(station.db, { dossierId: id, kind: 'scan', documentCode: 'TP1', fileName: 'tp1.pdf', mime: 'application/pdf', path: againPath, size: again.length, sha256: againSha }, randomUUID(), Date.now()),
      );
      process.stdout.write(`FILE ${againSha} ${name}\n`);
    }
  }
  await new Promise((r) => setTimeout(r, Math.random() * 8));
}
