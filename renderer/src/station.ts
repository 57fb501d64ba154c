import type { StationBridge } from '../../main/contract/bridge';
import { channelNames, type ChannelInput, type ChannelName, type ChannelOutput, type Envelope } from '../../main/contract/channels';
import type { ErrorPayload } from '../../main/core/errors';

// The renderer's only way to the station. In Electron the preload provides `window.station`;
// in the browser host the same bridge is built here over `POST /api/<channel>`.

declare global {
  interface Window {
    station?: StationBridge;
  }
}

export class StationCallError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
    this.name = 'StationCallError';
  }
}

const TOKEN_KEY = 'station-web-token';

function webBridge(): StationBridge {
  // The host prints a URL with #token=…; keep it for this tab and take it out of the address bar.
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const call = async (name: ChannelName, input: unknown): Promise<Envelope<unknown>> => {
    try {
      const res = await fetch(`api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Mất kết nối với trạm. Kiểm tra chương trình trạm còn chạy rồi thử lại.', params: {} },
      };
    }
  };
  return Object.fromEntries(channelNames.map((n) => [n, (input: unknown) => call(n, input)])) as StationBridge;
}

const bridge: StationBridge = window.station ?? webBridge();

export async function call<C extends ChannelName>(name: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await (bridge[name] as (i: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>)(input);
  if (!envelope.ok) throw new StationCallError(envelope.error);
  return envelope.value;
}

/** Field → message, from an error answered for a whole form. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof StationCallError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.payload.issues ?? [error.payload]) if (issue.field && !out[issue.field]) out[issue.field] = issue.message;
  return out;
}

export function errorMessage(error: unknown): string {
  return error instanceof StationCallError ? error.payload.message : 'Đã xảy ra lỗi không mong muốn.';
}
