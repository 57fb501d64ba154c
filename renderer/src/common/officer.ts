import { createContext, useContext } from 'react';
import type { ChannelOutput } from '../../../main/contract/channels';

/** The officer logged in at this window (the shell renders nothing of the work without one). */
export type CurrentOfficer = NonNullable<ChannelOutput<'session.current'>['officer']>;

export const OfficerContext = createContext<CurrentOfficer | null>(null);

export function useOfficer(): CurrentOfficer | null {
  return useContext(OfficerContext);
}

export const hasRole = (officer: CurrentOfficer | null, roles: readonly string[]) => !!officer && officer.roles.some((r) => roles.includes(r));
