import { z } from 'zod';
import { StationError, StationIssues, type ErrorCode, type ErrorPayload, type ErrorParams, type Language } from '../core/errors';
import { eventNames, events, type EventName } from './events';
import type { Access, Role } from './channel';
import { channels, isChannelName, type ChannelName, type ChannelOutput, type ParsedInput, type Envelope } from './channels';

/** The officer a call is made for: who a change, a printed form or an audit entry is attributed to. */
export type Officer = Readonly<{ id: string; name: string; roles: readonly Role[] }>;

/** What a handler knows of the call besides its input: whose session it came from. */
export type CallContext = Readonly<{ officer: Officer | null; sessionId?: string; locked?: boolean }>;

/** One function per channel: what a host binds. Hosts may add host-only channels (printing). */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInput<C>, call?: CallContext) => DeepReadonly<ChannelOutput<C>> | Promise<DeepReadonly<ChannelOutput<C>>>;
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

/** What the dispatcher needs of the station's message registry (main/messages.ts). */
export type MessageFormatter = Readonly<{
  error: (code: ErrorCode, params: ErrorParams, lang: Language) => string;
  label: (field: string, lang: Language) => string;
}>;

function issueOf(issue: z.core.$ZodIssue, lang: Language, m: MessageFormatter): { code: ErrorCode; message: string; field?: string } {
  const field = issue.path.map(String).join('.');
  const label = m.label(field, lang);
  let code: ErrorCode = 'VALIDATION';
  // A schema that says in Vietnamese what the format is ("mã số thuế gồm 10 chữ số…") is quoted,
  // rather than zod's generic "wrong format".
  const own = issue.code === 'invalid_format' && lang === 'vi' && /[à-ỹđ]/i.test(issue.message) ? issue.message : undefined;
  let params: Record<string, string | number> = { detail: `${label || 'yêu cầu'}: ${own ?? detailOf(issue, lang)}` };
  if (issue.code === 'too_big' && issue.origin === 'string') {
    code = 'TOO_LONG';
    params = { label, max: Number(issue.maximum) };
  } else if ((issue.code === 'too_small' && issue.origin === 'string') || (issue.code === 'invalid_type' && issue.input === undefined)) {
    code = 'REQUIRED';
    params = { label };
  } else if (field === 'owner.birthDate') {
    code = 'BIRTH_DATE_INVALID';
  }
  return { code, message: m.error(code, params, lang), ...(field ? { field } : {}) };
}

/** Messages such as "Vui lòng nhập {label}." name the field in the reader's language. */
function withLabel(e: StationError, lang: Language, m: MessageFormatter) {
  return e.field ? { label: m.label(e.field, lang), ...e.params } : e.params;
}

export function errorPayload(error: unknown, lang: Language, m: MessageFormatter): ErrorPayload {
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => issueOf(i, lang, m));
    const first = issues[0]!;
    return { code: first.code, message: first.message, params: {}, issues, ...(first.field ? { field: first.field } : {}) };
  }
  if (error instanceof StationIssues) {
    const issues = error.errors.map((e) => ({ code: e.code, message: m.error(e.code, withLabel(e, lang, m), lang), ...(e.field ? { field: e.field } : {}) }));
    const first = issues[0]!;
    return { code: first.code, message: first.message, params: error.errors[0]!.params, issues, ...(first.field ? { field: first.field } : {}) };
  }
  if (error instanceof StationError) {
    return {
      code: error.code, message: m.error(error.code, withLabel(error, lang, m), lang), params: error.params,
      ...(error.field ? { field: error.field } : {}), ...(error.details ? { details: error.details } : {}),
    };
  }
  return { code: 'INTERNAL', message: m.error('INTERNAL', {}, lang), params: {} };
}

/** The channel's access against the call: a login for any non-public channel, a role it names. */
function refuseUnlessAllowed(access: Access, call: CallContext): void {
  if (access === 'public') return;
  if (!call.officer) throw new StationError('LOGIN_REQUIRED');
  if (call.locked) throw new StationError('SESSION_LOCKED', { name: call.officer.name });
  if (!access.some((role) => call.officer!.roles.includes(role))) {
    throw new StationError('ROLE_FORBIDDEN', { name: call.officer.name });
  }
}

export type Dispatcher = (channel: string, payload: unknown, call?: CallContext) => Promise<Envelope<unknown>>;

/**
 * Validates the payload with the channel's input schema, runs the handler, and checks the answer
 * against the output schema (a handler that breaks the contract is a bug, answered as INTERNAL).
 */
export function createDispatcher(
  handlers: Handlers,
  options: {
    language: () => Language;
    messages: MessageFormatter;
    /** The officer of a call the host did not name one for. */
    officer?: () => Officer | null;
    onInternalError?: (channel: string, error: unknown) => void;
  },
): Dispatcher {
  const m = options.messages;
  return async (name, payload, call) => {
    const lang = options.language();
    if (!isChannelName(name)) return { ok: false, error: errorPayload(new StationError('CHANNEL_UNKNOWN', { channel: name.slice(0, 80) }), lang, m) };
    const spec = channels[name];
    try {
      const context = call ?? { officer: options.officer?.() ?? null };
      // Who may call the channel is checked before anything else, before the payload is even read.
      refuseUnlessAllowed(spec.access, context);
      const input = spec.input.parse(payload ?? {}, { reportInput: true });
      const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
      const result = await handler(input, context);
      const parsed = spec.output.safeParse(result);
      if (!parsed.success) throw new Error(`Channel ${name} answered outside its contract: ${parsed.error.message}`);
      return { ok: true, value: parsed.data };
    } catch (error) {
      const payloadOut = errorPayload(error, lang, m);
      if (payloadOut.code === 'INTERNAL') options.onInternalError?.(name, error);
      return { ok: false, error: payloadOut };
    }
  };
}

/** `GET /api`: every channel with its input and output as JSON Schema. */
export function describeChannels(): Array<{ channel: ChannelName; summary: string; access: unknown; input: unknown; output: unknown }> {
  return (Object.keys(channels) as ChannelName[]).map((name) => ({
    channel: name,
    summary: channels[name].summary,
    access: channels[name].access,
    input: z.toJSONSchema(channels[name].input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(channels[name].output, { io: 'output', unrepresentable: 'any' }),
  }));
}

/** `GET /api` lists the events too: name, what they say, their payload, the channels they affect. */
export function describeEvents(): Array<{ event: EventName; summary: string; payload: unknown; affects: readonly ChannelName[] }> {
  return eventNames.map((name) => ({
    event: name,
    summary: events[name].summary,
    payload: z.toJSONSchema(events[name].payload, { io: 'output', unrepresentable: 'any' }),
    affects: events[name].affects,
  }));
}
