import { useEffect, useMemo } from 'react';

// Files the station answers as base64 (a PDF, an Excel workbook), kept as object URLs for a
// frame or a download link. The station names its files in ASCII for every file system; the
// officer saves them under a Vietnamese name that says what they are.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

export function fileObjectUrl(base64: string, type: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type }));
}

/** The object URL of a file while the component shows it; the same bytes keep the same URL. */
export function useFileUrl(base64: string | undefined, type: string): string | null {
  const url = useMemo(() => (base64 ? fileObjectUrl(base64, type) : null), [base64, type]);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);
  return url;
}

/**
 * "Báo cáo kết quả giải quyết TTHC - Tháng 11 năm 2026" + "xlsx" → a name every system accepts:
 * NFC (Windows Explorer and the fonts of PDF viewers expect precomposed letters), without the
 * characters Windows refuses, not too long.
 */
export function vietnameseFileName(title: string, extension: string): string {
  const clean = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 150);
  return `${clean}.${extension}`;
}
