// The officer's session in this window: the id `session.login` answered, sent with every call
// (the web host's `x-station-session` header, the preload's second argument). Kept in the tab's
// sessionStorage so that F5 does not log the officer out; closing the window does. The station
// keeps the truth (who, locked or not); this module only remembers the id and tells the shell
// when the station refused a call for want of a session, so the login or lock screen shows.

const SESSION_KEY = 'station-session';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: string | null | undefined;

function read(): string | null {
  // A test or a kiosk start may hand the session over in the address (`#…&session=…`), like the token.
  const fromHash = /(?:^#|&)session=([^&]+)/.exec(location.hash)?.[1];
  if (fromHash) sessionStorage.setItem(SESSION_KEY, decodeURIComponent(fromHash));
  return sessionStorage.getItem(SESSION_KEY);
}

/** The session id this window calls with, if an officer logged in here. */
export function sessionId(): string | null {
  if (current === undefined) current = read();
  return current;
}

/** After a login (the new id) or a logout (null). */
export function setSessionId(id: string | null): void {
  current = id;
  if (id) sessionStorage.setItem(SESSION_KEY, id);
  else sessionStorage.removeItem(SESSION_KEY);
  for (const l of listeners) l();
}

/** The station answered LOGIN_REQUIRED or SESSION_LOCKED: whoever shows the login asks again. */
export function sessionRefused(): void {
  for (const l of listeners) l();
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
