import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Poppler's pdfsig as a second opinion. It exits 0 even for a broken signature (docs/hardware.md):
// its text is what counts.

export type PdfsigSignature = Readonly<{ text: string; valid: boolean; validation: string; wholeDocument: boolean; commonName: string; subFilter: string }>;

export function pdfsig(pdf: Uint8Array): PdfsigSignature[] {
  const dir = mkdtempSync(join(tmpdir(), 'station-pdfsig-'));
  try {
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, pdf);
    let out: string;
    try {
      out = execFileSync('pdfsig', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    return out.split(/^Signature #\d+:$/m).slice(1).map((text) => {
      const validation = /Signature Validation: (.+)/.exec(text)?.[1]?.trim() ?? '';
      return {
        text,
        validation,
        valid: validation === 'Signature is Valid.',
        wholeDocument: /Total document signed/.test(text),
        commonName: /Signer Certificate Common Name: (.+)/.exec(text)?.[1]?.trim() ?? '',
        subFilter: /Signature Type: (.+)/.exec(text)?.[1]?.trim() ?? '',
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
