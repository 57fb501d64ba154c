// Whether this window is the screen facing the citizen: its address says #display (the Electron
// host loads index.html#display; the web host prints …/#display&token=…&session=…). Remembered for
// the tab, because the web client takes the token out of the address on its first call, and F5
// must come back to the display, not to an officer's login.

const KEY = 'station-display-page';

export function isDisplayWindow(): boolean {
  if (/^#display(?:&|$)/.test(location.hash)) sessionStorage.setItem(KEY, '1');
  return sessionStorage.getItem(KEY) === '1';
}
