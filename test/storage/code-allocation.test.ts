import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { checkCodeFormat, formatDossierCode, maxSequence } from '../../main/core/dossier-code';
import { StationError } from '../../main/core/errors';
import { openTestStation, writtenRows } from '../helpers/station';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./workers/save-dossiers.ts', import.meta.url));

type WorkerResult = { worker: number; codes: string[] };

/** Starts a station process and resolves once it has opened the database. */
function startWorker(dataDir: string, worker: number, count: number) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, String(worker), String(count)], {
    cwd: REPO,
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const messages: string[] = [];
  let wake: (() => void) | undefined;
  lines.on('line', (line) => { messages.push(line); wake?.(); });
  const next = async (): Promise<string> => {
    while (messages.length === 0) {
      const ended = await Promise.race([new Promise<false>((r) => { wake = () => r(false); }), exited.then(() => true)]);
      if (ended && messages.length === 0) throw new Error(`worker ${worker} exited: ${stderr}`);
    }
    return messages.shift()!;
  };
  return {
    ready: next().then((line) => expect(line).toBe('ready')),
    go: () => child.stdin.write('go\n'),
    result: async (): Promise<WorkerResult> => {
      const line = await next();
      expect(await exited, stderr).toBe(0);
      return JSON.parse(line) as WorkerResult;
    },
    kill: () => child.kill(),
  };
}

describe('dossier code allocation under concurrency', () => {
  it('4 station processes saving 50 dossiers each at once get 200 distinct codes 0001–0200, no gaps, 200 outbox entries', async () => {
    const station = openTestStation(); // creates and seeds the database first
    const workers = [0, 1, 2, 3].map((w) => startWorker(station.dir, w, 50));
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.go();
      const results = await Promise.all(workers.map((w) => w.result()));

      const codes = results.flatMap((r) => r.codes);
      expect(codes).toHaveLength(200);
      expect(new Set(codes).size).toBe(200);
      const sequences = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(codes.every((c) => c.startsWith('000.00.06.H56-261123-'))).toBe(true);
      // Each process saw its own numbers increase, and the processes really did interleave.
      let interleaved = 0;
      for (const r of results) {
        const own = r.codes.map((c) => Number(c.slice(-4)));
        expect(own).toEqual([...own].sort((a, b) => a - b));
        if (own[own.length - 1]! - own[0]! > own.length - 1) interleaved++;
      }
      expect(interleaved).toBeGreaterThan(0);

      expect(writtenRows(station)).toMatchObject({ dossiers: 200, outbox: 200 });
      const lines = station.db.prepare('SELECT log_book_line AS n FROM dossiers ORDER BY n').all() as Array<{ n: number }>;
      expect(lines.map((l) => l.n)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      const mismatched = station.db
        .prepare("SELECT count(*) AS n FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE json_extract(o.payload, '$.MaHoSo') <> d.code")
        .get() as { n: number };
      expect(mismatched.n).toBe(0);
      // The next dossier, in this process, continues the day's sequence.
      expect((await station.save(await station.validDraft())).code).toBe('000.00.06.H56-261123-0201');
    } finally {
      for (const w of workers) w.kill();
    }
  }, 60_000);
});

describe('dossier code format', () => {
  it('includes the station number when the format asks for it', async () => {
    const station = openTestStation();
    const updated = await station.call('settings.update', { station: { codeFormat: '{agency}-{station}-{yy}{MM}{dd}-{seq:4}', stationNumber: 3 } });
    expect(updated.ok).toBe(true);
    const saved = await station.save(await station.validDraft());
    expect(saved.code).toBe('000.00.06.H56-03-261123-0001');
  });

  it('two stations of one agency with {station} in the format never mint the same code', async () => {
    const station = openTestStation();
    await station.call('settings.update', { station: { codeFormat: '{agency}-{station}-{yy}{MM}{dd}-{seq:4}', stationNumber: 1 } });
    const a = await station.save(await station.validDraft());
    await station.call('settings.update', { station: { stationNumber: 2 } });
    const b = await station.save(await station.validDraft());
    expect(a.code).toBe('000.00.06.H56-01-261123-0001');
    expect(b.code).toBe('000.00.06.H56-02-261123-0001');
  });

  it('follows a newer portal format such as G09.20-{yyyy}{MM}{dd}-{seq:7}', async () => {
    const station = openTestStation();
    const updated = await station.call('settings.update', { station: { codeFormat: 'G09.20-{yyyy}{MM}{dd}-{seq:7}' } });
    expect(updated.ok).toBe(true);
    const first = await station.save(await station.validDraft());
    const second = await station.save(await station.validDraft());
    expect(first.code).toBe('G09.20-20261123-0000001');
    expect(second.code).toBe('G09.20-20261123-0000002');
  });

  it.each([
    ['{agency}-{yy}{MM}{dd}', 'no sequence'],
    ['{agency}-{seq:4}-{seq:4}', 'two sequences'],
    ['{agency}-{yyMMdd}-{seq:4}', 'an unknown field'],
    ['{agency}-{seq:1}', 'a 1-digit sequence'],
    ['{agency} {seq:4}', 'a space'],
    ['{agency}/{seq:4}', 'a slash'],
  ])('refuses the format %s (%s) and keeps the previous one', async (codeFormat) => {
    const station = openTestStation();
    const error = await station.refused('settings.update', { station: { codeFormat } });
    expect(error.code).toBe('CODE_FORMAT_INVALID');
    expect(error.message).toContain(codeFormat);
    expect(error.message).toMatch(/Mẫu mã hồ sơ/);
    const settings = await station.call('settings.get', {});
    expect(settings.ok && (settings.value as { station: { codeFormat: string } }).station.codeFormat).toBe('{agency}-{yy}{MM}{dd}-{seq:4}');
    expect((await station.save(await station.validDraft())).code).toBe('000.00.06.H56-261123-0001');
  });

  it('formats and checks codes directly', () => {
    expect(formatDossierCode('{agency}-{yy}{MM}{dd}-{seq:4}', { agency: '000.00.06.H56', date: '2023-10-27', station: 1, seq: 361 })).toBe('000.00.06.H56-231027-0361');
    expect(checkCodeFormat('G09.20-{yyyy}{MM}{dd}-{seq:7}')).toEqual({ seqDigits: 7 });
    expect(maxSequence('{agency}-{seq:2}')).toBe(99);
    expect(() => checkCodeFormat('{agency}')).toThrow(StationError);
  });

  it('stops at 99 dossiers a day with {seq:2}: the 100th is refused with a clear message and writes nothing', async () => {
    const station = openTestStation();
    await station.call('settings.update', { station: { codeFormat: 'X-{station}-{yy}{MM}{dd}-{seq:2}' } });
    // 98 dossiers already received today (allocated by the counter), then the 99th through intake.
    station.db.prepare("INSERT INTO dossier_sequences (scope, day, last) VALUES ('000.00.06.H56#1', '2026-11-23', 98)").run();
    const last = await station.save(await station.validDraft());
    expect(last.code).toBe('X-01-261123-99');

    const before = writtenRows(station);
    const error = await station.refused('dossier.save', await station.validDraft());
    expect(error.code).toBe('CODE_SEQUENCE_EXHAUSTED');
    expect(error.message).toContain('99');
    expect(error.message).toMatch(/cán bộ CNTT/);
    expect(writtenRows(station)).toEqual(before);
    expect(station.db.prepare('SELECT last FROM dossier_sequences').get()).toEqual({ last: 99 });

    // Tomorrow numbering starts again.
    station.clock.setLocal('2026-11-24T08:00');
    expect((await station.save(await station.validDraft())).code).toBe('X-01-261124-01');
  });

  it('really mints 99 codes with {seq:2} and refuses the 100th', async () => {
    const station = openTestStation();
    await station.call('settings.update', { station: { codeFormat: '{agency}-{station}{dd}-{seq:2}' } });
    const codes: string[] = [];
    for (let i = 0; i < 99; i++) codes.push((await station.save(await station.validDraft())).code);
    expect(codes[0]).toBe('000.00.06.H56-0123-01');
    expect(codes[98]).toBe('000.00.06.H56-0123-99');
    expect(new Set(codes).size).toBe(99);
    const error = await station.refused('dossier.save', await station.validDraft());
    expect(error.code).toBe('CODE_SEQUENCE_EXHAUSTED');
    expect(writtenRows(station)).toMatchObject({ dossiers: 99, outbox: 99 });
  });

  it('gives each station its own block of numbers when the format has no {station}, so offline stations never collide', async () => {
    const first = openTestStation();
    const second = openTestStation();
    await second.call('settings.update', { station: { stationNumber: 2 } });
    const a = await first.save(await first.validDraft());
    const b = await second.save(await second.validDraft());
    const b2 = await second.save(await second.validDraft());
    expect(a.code).toBe('000.00.06.H56-261123-0001');
    expect(b.code).toBe('000.00.06.H56-261123-1000');
    expect(b2.code).toBe('000.00.06.H56-261123-1001');
    // Station 1 stops at 0999 rather than run into station 2's block.
    first.db.prepare("UPDATE dossier_sequences SET last = 999 WHERE scope = '000.00.06.H56#1'").run();
    expect((await first.refused('dossier.save', await first.validDraft())).code).toBe('CODE_SEQUENCE_EXHAUSTED');
  });

  it('refuses station numbers above 9 unless the format carries {station}', async () => {
    const station = openTestStation();
    const error = await station.refused('settings.update', { station: { stationNumber: 12 } });
    expect(error.code).toBe('CODE_FORMAT_STATION');
    expect(error.field).toBe('station.codeFormat');
    expect(error.message).toContain('{station}');
    expect((await station.call('settings.update', { station: { stationNumber: 12, codeFormat: '{agency}-{station}-{yy}{MM}{dd}-{seq:4}' } })).ok).toBe(true);
    expect((await station.save(await station.validDraft())).code).toBe('000.00.06.H56-12-261123-0001');
  });
});
