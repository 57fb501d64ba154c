import { useEffect, useMemo } from 'react';

/** A PDF the station sent as base64, as an object URL for a frame or a download (revoke it when done). */
export function pdfObjectUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** The object URL of a PDF while the component shows it; the same bytes keep the same URL (no reload of the frame). */
export function usePdfUrl(base64: string | undefined): string | null {
  const url = useMemo(() => (base64 ? pdfObjectUrl(base64) : null), [base64]);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);
  return url;
}
