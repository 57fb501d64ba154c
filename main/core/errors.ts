// Typed errors: a code plus parameters, turned into a Vietnamese (or English) message at the edge.
// Every error a person can see is one of these; a bare Error reaching a host is a bug.
//
// Each feature declares its own messages (main/<feature>/messages.ts) and registers their codes
// here by declaration merging (`interface ErrorCatalogues`), so that `new StationError(code)` is
// checked against every catalogue while the core knows none of the features. The catalogues are
// merged into one registry by main/messages.ts, which formats them.

import { coreErrors, type Catalogue, type MessageText } from './messages';

export type { Catalogue, Language, MessageText } from './messages';
import type { Language } from './messages';

/** Error codes by catalogue; features add theirs with `declare module '../core/errors'`. */
export interface ErrorCatalogues {
  core: typeof coreErrors;
}

export type ErrorCode = { [K in keyof ErrorCatalogues]: keyof ErrorCatalogues[K] & string }[keyof ErrorCatalogues];
export type ErrorParams = Readonly<Record<string, string | number>>;
/**
 * Data an error carries for the screen that handles it (not for its text): plain JSON, e.g. the
 * stored and the submitted versions of a conflicting intake.
 */
export type ErrorDetails = Readonly<Record<string, unknown>>;

const registered: Record<string, MessageText> = { ...coreErrors };

/**
 * Adds a feature's catalogue to the texts StationError knows (main/messages.ts registers every
 * catalogue once); a code already known is refused, so two features cannot both define it.
 */
export function registerErrors(catalogue: Catalogue): void {
  for (const [code, text] of Object.entries(catalogue)) {
    if (Object.hasOwn(registered, code) && registered[code] !== text) throw new Error(`Error ${code} is defined twice`);
    registered[code] = text;
  }
}

/** The text of a registered error code in a language, its {placeholders} filled. */
export function formatError(code: string, params: ErrorParams, lang: Language): string {
  return fillTemplate((registered[code] ?? registered.INTERNAL!)[lang], params);
}

export class StationError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** The form field the error belongs to (dotted path, e.g. "owner.idNumber"). */
    readonly field?: string,
    /** Crosses to the renderer unchanged in the error payload's `details`. */
    readonly details?: ErrorDetails,
  ) {
    // The English text, for logs; people read the text in their language, formatted at the edge.
    super(formatError(code, params, 'en'));
    this.name = 'StationError';
  }
}

/** "{label} quá dài" with { label: 'Địa chỉ' }; a message may start with a field label. */
export function fillTemplate(text: string, params: ErrorParams): string {
  const filled = text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

/** The wire shape of an error, identical on IPC and HTTP. */
export type ErrorPayload = Readonly<{
  code: string;
  message: string;
  field?: string;
  params: ErrorParams;
  /** What a screen needs to handle the error (see StationError.details). */
  details?: ErrorDetails;
  /** Several field errors at once (a whole form validated). */
  issues?: ReadonlyArray<Readonly<{ code: string; message: string; field?: string }>>;
}>;

/** Several field errors found together (a whole form checked at once). */
export class StationIssues extends Error {
  constructor(readonly errors: readonly StationError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'StationIssues';
  }
}

export function missingCaseError(x: never): Error {
  return new Error(`Unhandled case: ${String(x)}`);
}
