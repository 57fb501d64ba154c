import type { Db } from '../storage/db';
import { formatDossierCode, sequenceRange } from '../core/dossier-code';
import { StationError } from '../core/errors';
import { leasedNumbers, stationBlocks, type CodeAllocator } from '../storage/code-allocation';
import { portalIsConfigured, readPortalSettings } from '../portal/portal-settings';
import type { AgencyProfile, StationSettings } from '../contract/schemas';
import './messages'; // the texts of the errors thrown here

/**
 * How a dossier received now gets its code: with a portal, numbers it leased to this station
 * (a provisional code when none are left); without one, this station's own block of the day.
 */
export function codeAllocatorFor(db: Db, agency: AgencyProfile, station: StationSettings): CodeAllocator {
  const format = (seq: number, day: string) => formatDossierCode(station.codeFormat, { agency: agency.agencyId, date: day, station: station.stationNumber, seq });
  if (portalIsConfigured(readPortalSettings(db))) {
    const provisionalFormat = station.codeFormat.replace(/\{seq:(\d{1,2})\}/, 'T{station}{seq:$1}');
    return leasedNumbers({
      agency: agency.agencyId,
      format,
      provisionalFormat: (seq, day) => formatDossierCode(provisionalFormat, { agency: agency.agencyId, date: day, station: station.stationNumber, seq }),
      provisionalScope: `${agency.agencyId}#${station.stationNumber}#provisional`,
    });
  }
  const range = sequenceRange(station.codeFormat, agency.agencyId, station.stationNumber);
  return stationBlocks({
    ...range,
    format,
    agency: agency.agencyId, // numbers leased while a portal was configured are never minted again
    onExhausted: () => { throw new StationError('CODE_SEQUENCE_EXHAUSTED', { max: range.last - range.first + 1 }); },
  });
}
