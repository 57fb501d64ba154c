import { StationError, missingCaseError, type ErrorCode } from '../core/errors';
import { ScannerError, type ScannerFailure } from '../../hardware/scanners/scanner';
import './messages'; // the texts of the errors thrown here

// A driver's reason (hardware/scanners) as the station's typed error, with what the officer
// needs in the message: which scanner, how many pages are kept.

function codeOf(reason: ScannerFailure): ErrorCode {
  switch (reason) {
    case 'not_found': return 'SCANNER_NOT_FOUND';
    case 'busy': return 'SCANNER_BUSY';
    case 'jammed': return 'SCANNER_JAMMED';
    case 'feeder_empty': return 'SCANNER_FEEDER_EMPTY';
    case 'cover_open': return 'SCANNER_COVER_OPEN';
    case 'gone': return 'SCANNER_GONE';
    case 'io': return 'SCANNER_FAILED';
    case 'access_denied': return 'SCANNER_ACCESS_DENIED';
    case 'cancelled': return 'SCAN_CANCELLED';
    case 'unsupported_setting': return 'SCANNER_SETTING_UNSUPPORTED';
    case 'capabilities_invalid': return 'SCANNER_CAPABILITIES_INVALID';
    case 'pdf_instead_of_image': return 'SCAN_PDF_NOT_IMAGE';
    case 'timeout': return 'SCANNER_TIMEOUT';
    case 'no_backend': return 'SCANNER_NO_BACKEND';
    default: throw missingCaseError(reason);
  }
}

/** Any failure of a scanner call as a StationError; other errors pass through unchanged. */
export function scannerProblem(error: unknown, context: Readonly<{ device: string; pages?: number }>): unknown {
  if (!(error instanceof ScannerError)) return error;
  const pages = context.pages ?? error.pagesDelivered;
  return new StationError(codeOf(error.reason), { device: context.device, pages, detail: error.detail || error.reason });
}
