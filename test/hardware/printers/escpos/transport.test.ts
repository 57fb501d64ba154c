import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  TransportError,
  openNetworkPrinter,
  openSerialPrinter,
  openUsbPrinter,
  selectPrinterEndpoints,
  type UsbConfigurationLike,
} from '../../../../hardware/printers/escpos/transport';

// USB printer class cannot be exercised here (no USB devices on the test machine): the choice
// of interface and endpoints is tested on descriptors shaped as node-usb reports them, taken
// from the kinds of devices found on counters.

type Alt = UsbConfigurationLike['interfaces'][number]['alternates'][number];
const bulk = (endpointNumber: number, direction: 'in' | 'out') => ({ endpointNumber, direction, type: 'bulk' as const, packetSize: 64 });
const printerAlt = (alternateSetting: number, protocol: number, endpoints: Alt['endpoints']): Alt => ({
  alternateSetting,
  interfaceClass: 7,
  interfaceSubclass: 1,
  interfaceProtocol: protocol,
  endpoints,
});

describe('USB printer class: which interface and endpoints', () => {
  it('a bidirectional 58 mm printer (class 7, protocol 2, bulk OUT 1 and bulk IN 1)', () => {
    const config: UsbConfigurationLike = { interfaces: [{ interfaceNumber: 0, alternates: [printerAlt(0, 2, [bulk(1, 'out'), bulk(1, 'in')])] }] };
    expect(selectPrinterEndpoints(config)).toEqual({ interfaceNumber: 0, alternateSetting: 0, protocol: 2, outEndpoint: 1, inEndpoint: 1 });
  });

  it('a one-way printer: OUT only, no status answers', () => {
    const config: UsbConfigurationLike = { interfaces: [{ interfaceNumber: 0, alternates: [printerAlt(0, 1, [bulk(2, 'out')])] }] };
    expect(selectPrinterEndpoints(config)).toEqual({ interfaceNumber: 0, alternateSetting: 0, protocol: 1, outEndpoint: 2 });
  });

  it('prefers the bidirectional alternate setting over the one-way one', () => {
    const config: UsbConfigurationLike = {
      interfaces: [{ interfaceNumber: 0, alternates: [printerAlt(0, 1, [bulk(1, 'out')]), printerAlt(1, 2, [bulk(1, 'out'), bulk(2, 'in')]), printerAlt(2, 3, [bulk(1, 'out'), bulk(2, 'in')])] }],
    };
    expect(selectPrinterEndpoints(config)).toMatchObject({ alternateSetting: 1, protocol: 2, inEndpoint: 2 });
  });

  it('finds the printer interface of a composite device (a vendor HID interface first)', () => {
    const config: UsbConfigurationLike = {
      interfaces: [
        { interfaceNumber: 0, alternates: [{ alternateSetting: 0, interfaceClass: 3, interfaceSubclass: 0, interfaceProtocol: 0, endpoints: [{ endpointNumber: 1, direction: 'in', type: 'interrupt', packetSize: 8 }] }] },
        { interfaceNumber: 1, alternates: [printerAlt(0, 2, [bulk(3, 'in'), bulk(4, 'out')])] },
      ],
    };
    expect(selectPrinterEndpoints(config)).toEqual({ interfaceNumber: 1, alternateSetting: 0, protocol: 2, outEndpoint: 4, inEndpoint: 3 });
  });

  it('takes IEEE 1284.4 only when nothing else is there; nothing for a device without a printer interface', () => {
    const only1284 = { interfaces: [{ interfaceNumber: 0, alternates: [printerAlt(0, 3, [bulk(1, 'out'), bulk(2, 'in')])] }] };
    expect(selectPrinterEndpoints(only1284)).toMatchObject({ protocol: 3 });
    const token: UsbConfigurationLike = { interfaces: [{ interfaceNumber: 0, alternates: [{ alternateSetting: 0, interfaceClass: 0x0b, interfaceSubclass: 0, interfaceProtocol: 0, endpoints: [bulk(1, 'out'), bulk(2, 'in')] }] }] };
    expect(selectPrinterEndpoints(token)).toBeUndefined();
    const noBulkOut = { interfaces: [{ interfaceNumber: 0, alternates: [printerAlt(0, 2, [bulk(2, 'in')])] }] };
    expect(selectPrinterEndpoints(noBulkOut)).toBeUndefined();
  });

  it('opening a USB printer on this machine (no USB printer) fails with a typed reason', async () => {
    const error = await openUsbPrinter().then(
      () => 'opened',
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(['not_found', 'failed']).toContain((error as TransportError).reason);
  });
});

describe('serial and network transports: failures to open', () => {
  it('a serial port that does not exist: not_found', async () => {
    await expect(openSerialPrinter({ path: '/dev/ttyNO-SUCH-PRINTER' })).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('nothing listening at the address: refused', async () => {
    // A port that was just free: listen, note it, close.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await openNetworkPrinter({ host: '127.0.0.1', port: address.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ reason: 'refused' });
  });

  it('a read with nothing sent answers no bytes when its time is up', async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const transport = await openNetworkPrinter({ host: '127.0.0.1', port: address.port });
    expect(await transport.read(1, 50)).toHaveLength(0);
    await transport.close();
    server.close();
  });
});
