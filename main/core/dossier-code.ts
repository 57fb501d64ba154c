import { StationError } from './errors';
import type { LocalDate } from './model';

// Dossier codes: `{agency}-{yyMMdd}-{seq:4}` by default (e.g. 000.00.06.H56-231027-0361).
// The format is a template because portals differ (G09.20-20260609-0092637). The sequence
// counts per agency per day; {station} lets several offline stations of one agency share a
// day without minting the same code (until the portal leases numbers, see the sync issue).

const TOKEN = /\{(agency|yyyy|yy|MM|dd|station|seq:(\d{1,2}))\}/g;
const ANY_TOKEN = /\{[^}]*\}/g;

export type CodeParts = Readonly<{ agency: string; date: LocalDate; station: number; seq: number }>;

export function checkCodeFormat(format: string): { seqDigits: number } {
  const unknown = format.replace(TOKEN, '').match(ANY_TOKEN);
  const seq = [...format.matchAll(/\{seq:(\d{1,2})\}/g)];
  const digits = Number(seq[0]?.[1] ?? 0);
  if (unknown || seq.length !== 1 || digits < 2 || digits > 10 || /[\s/\\]/.test(format)) {
    throw new StationError('CODE_FORMAT_INVALID', { format, seq: '{seq:4}' }, 'codeFormat');
  }
  return { seqDigits: digits };
}

export function maxSequence(format: string): number {
  return 10 ** checkCodeFormat(format).seqDigits - 1;
}

export function formatDossierCode(format: string, parts: CodeParts): string {
  const [yyyy, MM, dd] = parts.date.split('-') as [string, string, string];
  return format.replace(TOKEN, (_m, name: string, digits?: string) => {
    switch (name) {
      case 'agency': return parts.agency;
      case 'yyyy': return yyyy;
      case 'yy': return yyyy.slice(2);
      case 'MM': return MM;
      case 'dd': return dd;
      case 'station': return String(parts.station).padStart(2, '0');
      default: return String(parts.seq).padStart(Number(digits), '0');
    }
  });
}
