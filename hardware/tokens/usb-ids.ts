// USB vendor/product ids of the signing tokens handed out by Vietnamese CAs, to name a device
// that was plugged in ("SafeNet eToken cắm vào") and to decide that the PKCS#11 modules must
// be re-initialised to see it. Any other device still triggers a cheap rescan; a smart-card
// reader (USB interface class 0x0B, CCID) counts as a token device too.

export type KnownTokenDevice = Readonly<{ vendorId: number; productId?: number; name: string }>;

export const KNOWN_TOKEN_DEVICES: readonly KnownTokenDevice[] = [
  { vendorId: 0x096e, productId: 0x0807, name: 'Feitian ePass2003' },
  { vendorId: 0x096e, name: 'Feitian' },
  { vendorId: 0x0529, productId: 0x0620, name: 'SafeNet eToken 5110 / PRO' },
  { vendorId: 0x0529, productId: 0x0600, name: 'SafeNet eToken PRO (cũ)' },
  { vendorId: 0x0529, name: 'SafeNet (Aladdin)' },
  { vendorId: 0x163c, name: 'Watchdata' },
  { vendorId: 0x08e6, productId: 0x3438, name: 'Gemalto IDBridge / IDPrime' },
  { vendorId: 0x08e6, name: 'Gemalto (Thales)' },
  { vendorId: 0x04e6, name: 'Identiv / SCM' },
  { vendorId: 0x072f, name: 'ACS' },
  { vendorId: 0x25dd, name: 'Bit4id' },
  { vendorId: 0x1050, name: 'Yubico YubiKey' },
];

/** USB interface class of smart-card readers (CCID). */
export const CCID_INTERFACE_CLASS = 0x0b;

/** The best match: vendor and product, else vendor only. */
export function knownTokenDevice(vendorId: number, productId: number): KnownTokenDevice | undefined {
  return (
    KNOWN_TOKEN_DEVICES.find((d) => d.vendorId === vendorId && d.productId === productId) ??
    KNOWN_TOKEN_DEVICES.find((d) => d.vendorId === vendorId && d.productId === undefined)
  );
}

export const usbId = (vendorId: number, productId: number): string =>
  `${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`;
