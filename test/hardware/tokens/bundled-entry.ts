import { startTokenService } from '../../../hardware/tokens/token-service';
import { noUsbEvents } from '../../../hardware/tokens/usb-watch';

// Run by bundled-worker.test.ts after esbuild turned it into CommonJS next to a bundled
// pkcs11-worker.cjs, as build/build-electron.mjs does for the desktop app.
async function main(): Promise<void> {
  const [modulePath = '', pin = '', keyId = ''] = process.argv.slice(2);
  const service = startTokenService({ modules: [{ id: 'softhsm', vendor: 'SoftHSM2', path: modulePath, origin: 'known' }], usbEvents: noUsbEvents });
  const token = (await service.scan()).tokens[0];
  if (!token) throw new Error('no token');
  const session = await service.login(token.ref, pin);
  const signature = await session.sign(keyId, 'rsa-sha256', Buffer.from('bundled'));
  await session.close();
  await service.close();
  process.stdout.write(JSON.stringify({ label: token.label, signature: Buffer.from(signature).toString('base64') }));
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});
