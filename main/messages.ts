import { formatError, registerErrors, type Catalogue, type ErrorCode, type ErrorParams, type Language } from './core/errors';
import { coreErrors, coreLabels } from './core/messages';
import { securityErrorMessages } from './core/security-errors';
import { intakeErrors } from './intake/messages';
import { scanningErrors } from './scanning/messages';
import { signingErrors } from './signing/messages';
import { syncErrors } from './sync/messages';
import { officersErrors } from './officers/messages';
import { devicesErrors } from './devices/messages';
import { queueErrors } from './queue/messages';
import { displayErrors } from './display/messages';
import { feesErrors } from './fees/messages';
import { lifecycleErrors } from './lifecycle/messages';
import { printingErrors } from './printing/messages';

// One registry of every feature's messages: what the dispatcher and the features use to turn a
// typed error into the text a person reads. A code defined twice is refused when the station
// loads, so two features can never disagree about what an error says.

function merge(...catalogues: Catalogue[]): Catalogue {
  const all: Record<string, Catalogue[string]> = {};
  for (const c of catalogues) {
    for (const [code, text] of Object.entries(c)) {
      if (code in all) throw new Error(`Message ${code} is defined twice`);
      all[code] = text;
    }
  }
  return all;
}

const errors = merge(coreErrors, securityErrorMessages, intakeErrors, syncErrors, scanningErrors, signingErrors, officersErrors, devicesErrors, queueErrors, displayErrors, feesErrors, lifecycleErrors, printingErrors);
registerErrors(errors);
const labels = merge(coreLabels);

export type Messages = Readonly<{
  /** The text of an error in a language, its {placeholders} filled. */
  error: (code: ErrorCode, params: ErrorParams, lang: Language) => string;
  /** How a form field is named in messages; the field path itself when it has no label. */
  label: (field: string, lang: Language) => string;
  has: (code: string) => boolean;
}>;

export const messages: Messages = {
  error: formatError,
  label: (field, lang) => labels[field]?.[lang] ?? field,
  has: (code) => Object.hasOwn(errors, code),
};

/** Every error code of every catalogue (tests check each has both languages). */
export const errorCodes = (): string[] => Object.keys(errors);
