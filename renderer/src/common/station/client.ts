import type { StationBridge, StationEventsBridge } from '../../../../main/contract/bridge';
import { channelNames, type ChannelInput, type ChannelName, type ChannelOutput, type Envelope } from '../../../../main/contract/channels';
import type { ErrorPayload } from '../../../../main/core/errors';
import type { Language } from '../../../../main/core/messages';
import type { StationLink } from './link';
import { sessionId, sessionRefused } from './session';

// The renderer's only way to the station. In Electron the preload provides `window.station`
// (and `window.stationEvents`); in the browser host the same bridge is built here over
// `POST /api/<channel>` with the bearer token the host printed in the address.

declare global {
  interface Window {
    station?: StationBridge;
    stationEvents?: StationEventsBridge;
  }
}

export class StationCallError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
    this.name = 'StationCallError';
  }
}

const TOKEN_KEY = 'station-web-token';

/** The web host's token: taken from `#token=…` once (and out of the address bar), then kept for this tab. */
function webToken(): string {
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

// The words of this layer's own failures (the station's come already in its language).
const words = {
  unreachable: {
    vi: 'Mất kết nối với chương trình trạm. Kiểm tra chương trình trạm còn chạy rồi thử lại.',
    en: 'Lost the link to the station. Check that the station program is running, then try again.',
  },
  unexpected: {
    vi: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã nhập vẫn được giữ; hãy thử lại hoặc báo cán bộ CNTT.',
    en: 'An unexpected error occurred. Your input is kept; try again or call the technician.',
  },
} as const;
let language: Language = 'vi';
/** The station's language, for the messages this layer writes itself (set by the shell). */
export function setClientLanguage(lang: Language): void {
  language = lang;
}

function webBridge(token: string): StationBridge {
  const send = async (name: ChannelName, input: unknown, session?: string): Promise<Envelope<unknown>> => {
    try {
      const res = await fetch(`api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(session ? { 'x-station-session': session } : {}) },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: words.unreachable[language], params: {} } };
    }
  };
  return Object.fromEntries(channelNames.map((n) => [n, (input: unknown, session?: string) => send(n, input, session)])) as StationBridge;
}

function link(): StationLink {
  if (window.station && window.stationEvents) return { kind: 'electron', bridge: window.station, events: window.stationEvents };
  sessionId(); // before the token's reading takes the address's hash away
  const token = webToken();
  return { kind: 'web', bridge: webBridge(token), token };
}

let current: StationLink | undefined;
/** Made on first use, so that importing this module touches nothing of the window. */
export function stationLink(): StationLink {
  return (current ??= link());
}

/** `session`: for a call made under a session this window does not hold yet (the first start's). */
export async function call<C extends ChannelName>(name: C, input: ChannelInput<C>, session?: string): Promise<ChannelOutput<C>> {
  const send = stationLink().bridge[name] as (i: ChannelInput<C>, session?: string) => Promise<Envelope<ChannelOutput<C>>>;
  const envelope = await send(input, session ?? sessionId() ?? undefined);
  if (!envelope.ok) {
    if (envelope.error.code === 'LOGIN_REQUIRED' || envelope.error.code === 'SESSION_LOCKED') sessionRefused();
    throw new StationCallError(envelope.error);
  }
  return envelope.value;
}

/** Field → message, from an error answered for a whole form. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof StationCallError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.payload.issues ?? [error.payload]) if (issue.field && !out[issue.field]) out[issue.field] = issue.message;
  return out;
}

/** What a person reads of a failure: the station's message (already in its language), or ours. */
export function errorMessage(error: unknown): string {
  return error instanceof StationCallError ? error.payload.message : words.unexpected[language];
}
