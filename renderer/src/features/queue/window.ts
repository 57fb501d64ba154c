// Whether this window is the ticket kiosk by the door: its address says #kiosk (the web host
// prints …/#kiosk&token=…&session=…, a session of the kiosk role). Remembered for the tab, like
// the citizen's display, because the client takes the token out of the address on its first
// call, and a reload must come back to the kiosk, not to an officer's login.

const KEY = 'station-kiosk-page';

export function isKioskWindow(): boolean {
  if (/^#kiosk(?:&|$)/.test(location.hash)) sessionStorage.setItem(KEY, '1');
  return sessionStorage.getItem(KEY) === '1';
}
