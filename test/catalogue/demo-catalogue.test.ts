import { describe, it, expect } from 'vitest';
import { demoCatalogue } from '../../main/catalogue/demo-catalogue';

/** Every string reachable from a value, with the path it was found at. */
function collectStrings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') {
    out.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectStrings(item, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectStrings(item, `${path}.${key}`, out);
  }
}

const isNonNegativeInteger = (n: number): boolean => Number.isInteger(n) && n >= 0;

describe('demo catalogue', () => {
  it('holds at least 15 procedures', () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(15);
  });

  it('uses unique national codes of the form d.dddddd', () => {
    const codes = demoCatalogue.map((p) => p.code);
    for (const code of codes) expect(code).toMatch(/^\d\.\d{6}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('includes the core commune procedures', () => {
    const codes = new Set(demoCatalogue.map((p) => p.code));
    // khai sinh, kết hôn, khai tử, chứng thực bản sao, chứng thực chữ ký
    for (const code of ['1.001193', '1.000894', '1.000656', '2.000815', '2.000884']) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('marks every entry as demo data with a name, a field, a level and at least one set', () => {
    for (const p of demoCatalogue) {
      expect(p.demo, p.code).toBe(true);
      expect(p.name.trim().length, p.code).toBeGreaterThan(0);
      expect(p.field.trim().length, p.code).toBeGreaterThan(0);
      expect(['commune', 'province']).toContain(p.level);
      expect(Number.isInteger(p.sets) && p.sets >= 1, p.code).toBe(true);
    }
  });

  it('gives every procedure at least one mandatory document', () => {
    for (const p of demoCatalogue) {
      expect(
        p.documents.some((d) => d.mandatory),
        p.code,
      ).toBe(true);
    }
  });

  it('uses non-negative integer document counts, at least one copy of some kind, and unique TP codes', () => {
    for (const p of demoCatalogue) {
      const codes = p.documents.map((d) => d.code);
      expect(new Set(codes).size, p.code).toBe(codes.length);
      for (const d of p.documents) {
        const where = `${p.code} ${d.code}`;
        expect(d.code, where).toMatch(/^TP\d+$/);
        expect(d.name.trim().length, where).toBeGreaterThan(0);
        expect(isNonNegativeInteger(d.originals), where).toBe(true);
        expect(isNonNegativeInteger(d.certifiedCopies), where).toBe(true);
        expect(isNonNegativeInteger(d.copies), where).toBe(true);
        expect(d.originals + d.certifiedCopies + d.copies, where).toBeGreaterThan(0);
      }
    }
  });

  it('uses non-negative integer fees in VND', () => {
    for (const p of demoCatalogue) {
      for (const f of p.fees) {
        expect(f.name.trim().length, p.code).toBeGreaterThan(0);
        expect(isNonNegativeInteger(f.amountVnd), `${p.code} ${f.name}`).toBe(true);
      }
    }
  });

  it('has valid processing times', () => {
    for (const p of demoCatalogue) {
      const t = p.processingTime;
      switch (t.unit) {
        case 'day':
        case 'hour':
          expect(Number.isInteger(t.amount) && t.amount > 0, p.code).toBe(true);
          break;
        case 'same_day':
          expect(t.cutoff, p.code).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          break;
        default:
          throw new Error(`${p.code}: unknown processing time unit`);
      }
    }
  });

  it('keeps chứng thực bản sao and chữ ký as same-day procedures with the 15:00 cutoff', () => {
    for (const code of ['2.000815', '2.000884']) {
      const p = demoCatalogue.find((x) => x.code === code);
      expect(p?.processingTime, code).toEqual({ unit: 'same_day', cutoff: '15:00' });
    }
  });

  it('stores every string in NFC', () => {
    const strings: Array<[string, string]> = [];
    collectStrings(demoCatalogue, 'demoCatalogue', strings);
    expect(strings.length).toBeGreaterThan(0);
    const notNfc = strings.filter(([, s]) => s !== s.normalize('NFC')).map(([path]) => path);
    expect(notNfc).toEqual([]);
  });
});
