import type { RawPage } from './scanner';

/** What the bytes of a page are, by their first bytes (scanners' Content-Type is not always right). */
export function sniffImage(data: Buffer): RawPage['format'] | 'pdf' {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length >= 4 && (data.subarray(0, 4).equals(Buffer.from('II*\0', 'latin1')) || data.subarray(0, 4).equals(Buffer.from('MM\0*', 'latin1')))) return 'tiff';
  if (data.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (data.length >= 2 && data[0] === 0x50 && data[1]! >= 0x31 && data[1]! <= 0x36) return 'pnm';
  return 'unknown';
}
