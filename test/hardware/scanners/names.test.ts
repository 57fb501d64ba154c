import { describe, expect, it } from 'vitest';
import { classifyMode, classifySource, normalizeName, pickModeName, pickSourceName } from '../../../hardware/scanners/names';

describe('loose matching of the names drivers give to sources and modes', () => {
  it.each([
    ['Flatbed', 'flatbed'], ['FlatBed', 'flatbed'], ['Glass', 'flatbed'], ['Platen', 'flatbed'], ['Document Table', 'flatbed'], ['Normal', 'flatbed'],
    ['ADF', 'feeder'], ['Automatic Document Feeder', 'feeder'], ['ADF Front', 'feeder'], ['ADF Back', 'feeder'], ['Feeder', 'feeder'],
    ['Automatic Document Feeder(left aligned)', 'feeder'], ['adf-simplex', 'feeder'], ['Khay nạp giấy', 'feeder'],
    ['ADF Duplex', 'duplex'], ['Duplex', 'duplex'], ['ADF-Duplex', 'duplex'], ['Automatic Document Feeder(centrally aligned,Duplex)', 'duplex'],
    ['Both Sides', 'duplex'], ['Quét hai mặt', 'duplex'],
    ['Transparency Adapter', undefined], ['Film', undefined], ['Camera', undefined],
  ] as const)('source %j is %s', (name, kind) => {
    expect(classifySource(name)).toBe(kind);
  });

  it.each([
    ['Color', 'color'], ['Colour', 'color'], ['RGB24', 'color'], ['24bit Color', 'color'], ['24bit Color[Fast]', 'color'], ['Màu', 'color'],
    ['Gray', 'gray'], ['Grey', 'gray'], ['Grayscale8', 'gray'], ['True Gray', 'gray'], ['Xám', 'gray'],
    ['Lineart', 'lineart'], ['Line Art', 'lineart'], ['Black & White', 'lineart'], ['BlackAndWhite1', 'lineart'], ['Binary', 'lineart'], ['Monochrome', 'lineart'],
    ['Halftone', undefined], ['Gray[Error Diffusion]', undefined],
  ] as const)('mode %j is %s', (name, mode) => {
    expect(classifyMode(name)).toBe(mode);
  });

  it('picks the plainest of several names of one kind', () => {
    expect(pickSourceName(['Flatbed', 'ADF Back', 'ADF Front', 'ADF Duplex'], 'feeder')).toBe('ADF Front');
    expect(pickSourceName(['ADF Card Front', 'Automatic Document Feeder'], 'feeder')).toBe('Automatic Document Feeder');
    expect(pickSourceName(['Flatbed', 'ADF'], 'duplex')).toBeUndefined();
    expect(pickModeName(['RGB48', 'RGB24', 'Grayscale16', 'Grayscale8'], 'gray')).toBe('Grayscale8');
    expect(pickModeName(['RGB48', 'RGB24'], 'color')).toBe('RGB24');
  });

  it('normalises case, diacritics, camel case and punctuation', () => {
    expect(normalizeName('BlackAndWhite1')).toBe('black and white 1');
    expect(normalizeName('  ADF—Duplex ')).toBe('adf duplex');
    expect(normalizeName('Đen trắng')).toBe('den trang');
  });
});
