import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATION_DATABASE_FILE } from '../../main/storage/encrypted-station';
import { openTestStation } from '../helpers/station';

// `npm run audit-verify -- <data folder>/station.sqlite3 --recovery-code CODE`, as the
// technician types it (docs/architecture.md, "Security"): started through npm from the checkout,
// on a station that has received a dossier. Exit 0 and the verdict in Vietnamese when the chain
// is intact; exit 1 and what to do when the key is missing.

const ROOT = resolve(import.meta.dirname, '../..');

function npmRun(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', 'audit-verify', '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { output += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { output += c; });
    child.on('close', (code) => done({ code, output }));
  });
}

describe('npm run audit-verify', () => {
  it('checks the chain of an encrypted station with its recovery code, and says what is missing without it', { timeout: 60_000 }, async () => {
    const station = openTestStation();
    const recoveryCode = station.recoveryCode!;
    expect(recoveryCode).toBeTruthy();
    await station.save(await station.validDraft({ owner: { fullName: 'Bùi Thị Lan' } }));
    const entries = (station.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(entries).toBeGreaterThan(0);
    const file = join(station.dir, STATION_DATABASE_FILE);
    await station.close();

    const intact = await npmRun([file, '--recovery-code', recoveryCode]);
    expect(intact.output).toContain(`Kiểm tra nhật ký thao tác: ${file}`);
    expect(intact.output).toMatch(new RegExp(`Mã băm cuối \\(mục ${entries}\\): [0-9a-f]{64}`));
    expect(intact.code).toBe(0);

    const noKey = await npmRun([file], { STATION_DATABASE_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.output).toContain('Cơ sở dữ liệu đã mã hóa: cần mã khôi phục (--recovery-code)');
    const usage = await npmRun([]);
    expect(usage.code).toBe(1);
    expect(usage.output).toContain('Cách dùng: audit-verify');
  });
});
