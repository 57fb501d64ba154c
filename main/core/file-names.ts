// One way to turn a name that came from elsewhere (a dossier code from the portal, a document
// code from the catalogue) into part of a file name: it can never leave the folder it is put in.

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** "000.00.06.H56-261123-0001" stays as it is; "../../x" becomes "_.._x"-like, never a path. */
export function safeFileName(name: string, max = 80): string {
  let s = name.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/\.{2,}/g, '_').replace(/^[.\-]+/, '_');
  s = s.slice(0, max);
  if (s === '' || WINDOWS_RESERVED.test(s.split('.')[0] ?? '')) s = `_${s}`;
  return s;
}
