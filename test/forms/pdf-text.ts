// Reading the PDFs the forms make, as a person would: poppler's pdftotext and pdfinfo.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type PdfReader = Readonly<{
  /** Writes the bytes to a file of its own and returns its path. */
  save(pdf: Buffer, name: string): string;
  /** pdftotext -layout of the whole file or one page. */
  layout(file: string, page?: number): string;
  /**
   * The text with every run of whitespace collapsed to one space, and lines that end inside a
   * token ("61/2018/" + "NĐ-CP", "ông/" + "bà": justified text breaks after "/" and "-") joined.
   */
  flat(file: string, page?: number): string;
  info(file: string): Record<string, string>;
  /** Right edge of the right-most word (pt), from pdftotext -bbox. */
  maxWordRight(file: string): number;
  dispose(): void;
}>;

export function pdfReader(prefix: string): PdfReader {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  let n = 0;
  const pages = (page?: number): string[] => (page === undefined ? [] : ['-f', String(page), '-l', String(page)]);
  return {
    save(pdf, name) {
      const file = path.join(dir, `${++n}-${name}.pdf`);
      writeFileSync(file, pdf);
      return file;
    },
    layout: (file, page) => execFileSync('pdftotext', ['-layout', ...pages(page), file, '-'], { encoding: 'utf8' }),
    flat: (file, page) =>
      execFileSync('pdftotext', [...pages(page), file, '-'], { encoding: 'utf8' })
        .replace(/(\S[/-])[ \t]*\n/g, '$1')
        .replace(/\s+/g, ' '),
    info: (file) =>
      Object.fromEntries(
        execFileSync('pdfinfo', [file], { encoding: 'utf8' })
          .split('\n')
          .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1], m[2]]),
      ),
    maxWordRight: (file) => {
      const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
      return Math.max(...[...bbox.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
