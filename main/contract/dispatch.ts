import { z } from 'zod';
import { StationError, formatError, type ErrorPayload, type Language, type ErrorCode } from '../core/errors';
import { labelOf } from '../core/field-labels';
import { channels, isChannelName, type ChannelName, type ChannelOutput, type ParsedInput, type Envelope } from './channels';

/** One function per channel: what a host binds. Hosts may add host-only channels (printing). */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInput<C>) => DeepReadonly<ChannelOutput<C>> | Promise<DeepReadonly<ChannelOutput<C>>>;
};

/** Handlers may answer with the core's Readonly<> data as is. */
type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** zod's own messages are English; say what is wrong in the reader's language. */
function detailOf(issue: z.core.$ZodIssue, lang: Language): string {
  const vi = lang === 'vi';
  switch (issue.code) {
    case 'invalid_type': return vi ? `sai kiểu dữ liệu (cần ${issue.expected})` : `wrong type (expected ${issue.expected})`;
    case 'too_big': return vi ? `vượt quá giới hạn ${String(issue.maximum)}` : `above the limit ${String(issue.maximum)}`;
    case 'too_small': return vi ? `nhỏ hơn giới hạn ${String(issue.minimum)}` : `below the limit ${String(issue.minimum)}`;
    case 'invalid_format': return vi ? 'sai định dạng' : 'wrong format';
    case 'invalid_value': case 'invalid_union': return vi ? 'giá trị không được chấp nhận' : 'value not accepted';
    case 'unrecognized_keys': return vi ? `trường không được hỗ trợ: ${issue.keys.join(', ')}` : `unsupported fields: ${issue.keys.join(', ')}`;
    case 'custom': return issue.message;
    default: return vi ? 'không hợp lệ' : 'invalid';
  }
}

function issueOf(issue: z.core.$ZodIssue, lang: Language): { code: ErrorCode; message: string; field?: string } {
  const field = issue.path.map(String).join('.');
  const label = labelOf(field, lang);
  let code: ErrorCode = 'VALIDATION';
  let params: Record<string, string | number> = { detail: `${label || 'yêu cầu'}: ${detailOf(issue, lang)}` };
  if (issue.code === 'too_big' && issue.origin === 'string') {
    code = 'TOO_LONG';
    params = { label, max: Number(issue.maximum) };
  } else if ((issue.code === 'too_small' && issue.origin === 'string') || (issue.code === 'invalid_type' && issue.input === undefined)) {
    code = 'REQUIRED';
    params = { label };
  } else if (field === 'owner.birthDate') {
    code = 'BIRTH_DATE_INVALID';
  }
  return { code, message: formatError(code, params, lang), ...(field ? { field } : {}) };
}

/** Messages such as "Vui lòng nhập {label}." name the field in the reader's language. */
function withLabel(e: StationError, lang: Language) {
  return e.field ? { label: labelOf(e.field, lang), ...e.params } : e.params;
}

export function errorPayload(error: unknown, lang: Language): ErrorPayload {
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => issueOf(i, lang));
    const first = issues[0]!;
    return { code: first.code, message: first.message, params: {}, issues, ...(first.field ? { field: first.field } : {}) };
  }
  if (error instanceof StationIssues) {
    const issues = error.errors.map((e) => ({ code: e.code, message: formatError(e.code, withLabel(e, lang), lang), ...(e.field ? { field: e.field } : {}) }));
    const first = issues[0]!;
    return { code: first.code, message: first.message, params: error.errors[0]!.params, issues, ...(first.field ? { field: first.field } : {}) };
  }
  if (error instanceof StationError) {
    return { code: error.code, message: formatError(error.code, withLabel(error, lang), lang), params: error.params, ...(error.field ? { field: error.field } : {}) };
  }
  return { code: 'INTERNAL', message: formatError('INTERNAL', {}, lang), params: {} };
}

/** Several field errors found together (a whole form checked at once). */
export class StationIssues extends Error {
  constructor(readonly errors: readonly StationError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'StationIssues';
  }
}

export type Dispatcher = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

/**
 * Validates the payload with the channel's input schema, runs the handler, and checks the answer
 * against the output schema (a handler that breaks the contract is a bug, answered as INTERNAL).
 */
export function createDispatcher(
  handlers: Handlers,
  options: { language: () => Language; onInternalError?: (channel: string, error: unknown) => void },
): Dispatcher {
  return async (name, payload) => {
    const lang = options.language();
    if (!isChannelName(name)) return { ok: false, error: errorPayload(new StationError('CHANNEL_UNKNOWN', { channel: name.slice(0, 80) }), lang) };
    const spec = channels[name];
    try {
      const input = spec.input.parse(payload ?? {}, { reportInput: true });
      const handler = handlers[name] as (i: unknown) => unknown;
      const result = await handler(input);
      const parsed = spec.output.safeParse(result);
      if (!parsed.success) throw new Error(`Channel ${name} answered outside its contract: ${parsed.error.message}`);
      return { ok: true, value: parsed.data };
    } catch (error) {
      const payloadOut = errorPayload(error, lang);
      if (payloadOut.code === 'INTERNAL') options.onInternalError?.(name, error);
      return { ok: false, error: payloadOut };
    }
  };
}

/** `GET /api`: every channel with its input and output as JSON Schema. */
export function describeChannels(): Array<{ channel: ChannelName; summary: string; input: unknown; output: unknown }> {
  return (Object.keys(channels) as ChannelName[]).map((name) => ({
    channel: name,
    summary: channels[name].summary,
    input: z.toJSONSchema(channels[name].input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(channels[name].output, { io: 'output', unrepresentable: 'any' }),
  }));
}
