import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The repository stands alone: whoever clones it has every document a comment or a page points
// at. A reference to a file outside the checkout, or to a page of docs/ that does not exist, fails.

const ROOT = resolve(import.meta.dirname, '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n')
  .filter((f) => f && /\.(ts|tsx|mjs|cjs|js|md|yml|json|css|html|c|sh)$|(^|\/)run$/.test(f) && f !== 'package-lock.json' && existsSync(join(ROOT, f)));

describe('the repository stands alone', () => {
  it('points at no document outside it', () => {
    const outside = tracked.flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      return [...text.matchAll(/\.\.\/shared\/|\bDESIGN\.md\b|\bSTYLE\.md\b/g)].map((m) => `${f}: ${m[0]}`);
    });
    expect(outside.filter((x) => !x.startsWith('test/docs.test.ts'))).toEqual([]);
  });

  it('names only pages of docs/ that exist', () => {
    const missing = tracked.flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const fromRoot = [...text.matchAll(/\bdocs\/([\w-]+\.md)/g)].map((m) => `docs/${m[1]}`);
      // Links between the pages themselves are relative: (domain.md).
      const relative = f.startsWith('docs/') ? [...text.matchAll(/\]\(([\w-]+\.md)(?:#[\w-]+)?\)/g)].map((m) => normalize(join(dirname(f), m[1]!))) : [];
      return [...fromRoot, ...relative].filter((p) => !existsSync(join(ROOT, p))).map((p) => `${f} → ${p}`);
    });
    expect(missing).toEqual([]);
  });
});
