import { CCID_INTERFACE_CLASS, knownTokenDevice, usbId } from './usb-ids';

// USB hot-plug through node-usb: the cue to rescan the tokens at once instead of waiting for
// the poll. Where node-usb cannot watch (no USB subsystem visible, a sandbox, a missing native
// build) the watcher says why and the station keeps the poll only.

export type UsbDeviceEvent = Readonly<{
  action: 'attach' | 'detach';
  /** "096e:0807" */
  id: string;
  /** A name from the token table, "smart-card reader" for a CCID device, else undefined. */
  tokenName?: string;
}>;

export type UsbWatch = Readonly<{
  events: boolean;
  reason?: string;
  /** Token-like devices present when the watch started. */
  tokenDevices: readonly string[];
  stop: () => void;
}>;

/** Where hot-plug events come from: node-usb in the station, a scripted source in tests. */
export type UsbEventSource = (onEvent: (event: UsbDeviceEvent) => void) => Promise<UsbWatch>;

type DeviceLike = {
  vendorId: number;
  productId: number;
  configuration?: { interfaces?: Array<{ alternate?: { interfaceClass?: number } }> } | null;
};

function describe(action: 'attach' | 'detach', device: DeviceLike): UsbDeviceEvent {
  const known = knownTokenDevice(device.vendorId, device.productId);
  let ccid = false;
  try {
    ccid = device.configuration?.interfaces?.some((i) => i.alternate?.interfaceClass === CCID_INTERFACE_CLASS) ?? false;
  } catch {
    ccid = false; // descriptors of a device already gone
  }
  const tokenName = known?.name ?? (ccid ? 'smart-card reader' : undefined);
  return { action, id: usbId(device.vendorId, device.productId), ...(tokenName ? { tokenName } : {}) };
}

/**
 * node-usb 3 (WebUSB-style API). Its `addEventListener` lists the devices without handling a
 * failure (an unhandled rejection where /sys/bus/usb is missing), so the device list is read
 * first and the events are subscribed only when that worked.
 */
export const nodeUsbEvents: UsbEventSource = async (onEvent) => {
  let usb: {
    getDevices(): Promise<DeviceLike[]>;
    addEventListener(type: 'connect' | 'disconnect', listener: (e: { device: DeviceLike }) => void): void;
    removeEventListener(type: 'connect' | 'disconnect', listener: (e: { device: DeviceLike }) => void): void;
  };
  try {
    ({ usb } = (await import('usb')) as unknown as { usb: typeof usb });
  } catch (e) {
    return { events: false, reason: `node-usb: ${e instanceof Error ? e.message : String(e)}`, tokenDevices: [], stop: () => {} };
  }
  let present: DeviceLike[];
  try {
    present = await usb.getDevices();
  } catch (e) {
    return { events: false, reason: e instanceof Error ? e.message : String(e), tokenDevices: [], stop: () => {} };
  }
  const onConnect = (e: { device: DeviceLike }) => onEvent(describe('attach', e.device));
  const onDisconnect = (e: { device: DeviceLike }) => onEvent(describe('detach', e.device));
  usb.addEventListener('connect', onConnect);
  usb.addEventListener('disconnect', onDisconnect);
  const tokenDevices = present.map((d) => describe('attach', d)).filter((d) => d.tokenName).map((d) => `${d.tokenName} (${d.id})`);
  return {
    events: true,
    tokenDevices,
    stop: () => {
      usb.removeEventListener('connect', onConnect);
      usb.removeEventListener('disconnect', onDisconnect);
    },
  };
};

/** No hot-plug (tests that want the poll alone). */
export const noUsbEvents: UsbEventSource = async () => ({ events: false, reason: 'disabled', tokenDevices: [], stop: () => {} });
