import { StationError } from './errors';
import type { LocalDate } from './model';

// Dossier codes: `{agency}-{yyMMdd}-{seq:4}` by default (e.g. 000.00.06.H56-231027-0361).
// The format is a template because portals differ (G09.20-20260609-0092637). The sequence
// counts per agency per day. Several stations of one agency may be offline at once, so no two
// stations may draw from the same numbers: with {station} in the format each station has the
// whole range; without it, station N draws from its own block of the range (station 1:
// 0001–0999, station 2: 1000–1999, … station 9: 8000–8999 with 4 digits; 9000–9999 stay free
// for provisional codes). Portal leases replace these blocks in the sync issue.

const TOKEN = /\{(agency|yyyy|yy|MM|dd|station|seq:(\d{1,2}))\}/g;
const ANY_TOKEN = /\{[^}]*\}/g;

export type CodeParts = Readonly<{ agency: string; date: LocalDate; station: number; seq: number }>;

export function checkCodeFormat(format: string): { seqDigits: number } {
  const unknown = format.replace(TOKEN, '').match(ANY_TOKEN);
  const seq = [...format.matchAll(/\{seq:(\d{1,2})\}/g)];
  const digits = Number(seq[0]?.[1] ?? 0);
  if (unknown || seq.length !== 1 || digits < 2 || digits > 10 || /[\s/\\]/.test(format)) {
    throw new StationError('CODE_FORMAT_INVALID', { format, seq: '{seq:4}' }, 'station.codeFormat');
  }
  return { seqDigits: digits };
}

export function maxSequence(format: string): number {
  return 10 ** checkCodeFormat(format).seqDigits - 1;
}

export type SequenceRange = Readonly<{ scope: string; first: number; last: number }>;

/** The numbers this station may mint under the format, and the counter that tracks them. */
export function sequenceRange(format: string, agencyId: string, stationNumber: number): SequenceRange {
  const max = maxSequence(format);
  if (format.includes('{station}')) return { scope: `${agencyId}#${stationNumber}`, first: 1, last: max };
  const block = (max + 1) / 10;
  if (stationNumber > 9) {
    throw new StationError('CODE_FORMAT_STATION', { station: stationNumber, token: '{station}', example: '{agency}-{station}-{yy}{MM}{dd}-{seq:4}' }, 'station.codeFormat');
  }
  return { scope: `${agencyId}#${stationNumber}`, first: Math.max(1, (stationNumber - 1) * block), last: stationNumber * block - 1 };
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
