import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../../renderer/src/common/i18n/registry';

// Every text a person reads in the renderer comes from one registry of catalogues, each entry in
// Vietnamese and English: none empty, both with the same {placeholders}.

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message registry', () => {
  it("holds every feature's catalogue, the shell's and the shared components'", () => {
    const features = readdirSync(join(import.meta.dirname, '../../../../renderer/src/features'));
    for (const f of features) expect(Object.keys(catalogues).some((k) => k.startsWith(`features/${f}/messages.ts#`)), f).toBe(true);
    expect(Object.keys(catalogues)).toEqual(expect.arrayContaining(['app/messages.ts#shellWords', 'common/signing/messages.ts#signingWords', 'common/i18n/common.ts#common']));
  });

  it('has every text in both languages with the same placeholders', () => {
    const problems: string[] = [];
    for (const [where, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) {
        if (!text.vi.trim() || !text.en.trim()) problems.push(`${where}.${key}: empty`);
        if (placeholders(text.vi).join() !== placeholders(text.en).join()) problems.push(`${where}.${key}: {${placeholders(text.vi).join()}} ≠ {${placeholders(text.en).join()}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes Vietnamese in NFC (the precomposed letters the fonts and the search expect)', () => {
    const decomposed = Object.entries(catalogues).flatMap(([where, c]) => Object.entries(c).filter(([, t]) => t.vi !== t.vi.normalize('NFC')).map(([k]) => `${where}.${k}`));
    expect(decomposed).toEqual([]);
  });
});
