import type { WebHost } from '../../main/hosts/web/web-host';

// The citizen's display and the ticket kiosk open the web host with an address that carries a
// session of their own device role; these helpers read it back and call as it.

export const sessionOf = (url: string): string => /[#&]session=([^&]+)/.exec(url)?.[1] ?? '';

export type DeviceAnswer = Readonly<{ status: number; body: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } } }>;

/** A channel called through the host's HTTP API with its token and `session`, as the device's page calls it. */
export async function callAs(host: WebHost, session: string, channel: string, input: unknown): Promise<DeviceAnswer> {
  const res = await fetch(`${host.url}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, 'x-station-session': session },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as DeviceAnswer['body'] };
}
