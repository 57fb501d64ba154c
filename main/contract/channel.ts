import { z } from 'zod';

/** One channel of the contract: its input and output schemas and what it is for. */
export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) => ({
  input,
  output,
  summary,
});

/** The input of a channel that takes nothing. */
export const none = z.object({}).strict();

/**
 * Who works at a station: the reception officer receives and returns dossiers; the technician
 * sets the station up (settings, devices, modules, trust, portal); the leader reads dashboards
 * and reports. An officer may hold several roles. `display` is no officer: it is the screen
 * facing the citizen, which may only read what it shows and take the citizen's rating; nor is
 * `kiosk`, the ticket machine by the door, which may only list the service groups and issue a
 * ticket. Neither is ever idle-locked: nobody types at them.
 */
export const ROLES = ['reception', 'technician', 'leader', 'display', 'kiosk'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a channel: anyone (before login: the station's identity, logging in) or these roles. */
export type Access = 'public' | readonly Role[];

export const PUBLIC: Access = 'public';
export const RECEPTION: readonly Role[] = ['reception'];
export const TECHNICIAN: readonly Role[] = ['technician'];
export const OFFICERS: readonly Role[] = ['reception', 'technician', 'leader'];
export const COUNTER: readonly Role[] = ['reception', 'technician'];
export const READERS: readonly Role[] = ['reception', 'leader'];
/** The screen facing the citizen (main/display): nothing else of the station is reachable from it. */
export const DISPLAY: readonly Role[] = ['display'];
/** The ticket kiosk (main/queue): the groups and "issue a ticket", nothing else. */
export const KIOSK: readonly Role[] = ['kiosk'];

type Channel = ReturnType<typeof channel>;

/**
 * A feature's channels with who may call each: the access table must name every channel of the
 * table (the compiler checks it), and the hosts enforce it before any handler runs.
 */
export function withAccess<T extends Record<string, Channel>>(channels: T, access: { readonly [K in keyof T]: Access }): { readonly [K in keyof T]: T[K] & { access: Access } } {
  return Object.fromEntries(Object.entries(channels).map(([name, c]) => [name, { ...c, access: access[name as keyof T] }])) as never;
}
