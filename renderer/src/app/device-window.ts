// Whether this window is a device's rather than an officer's: the screen facing the citizen
// (#display: the Electron host loads index.html#display, the web host prints
// …/#display&token=…&session=…) or the ticket kiosk by the door (#kiosk, from the web host).
// Remembered for the tab, because the web client takes the token out of the address on its first
// call, and a reload must come back to the device's page, not to an officer's login.

export type DevicePage = 'display' | 'kiosk';

export function isDeviceWindow(page: DevicePage): boolean {
  const key = `station-${page}-page`;
  if (new RegExp(`^#${page}(?:&|$)`).test(location.hash)) sessionStorage.setItem(key, '1');
  return sessionStorage.getItem(key) === '1';
}
