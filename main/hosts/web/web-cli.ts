import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWebHost } from './web-host';
import { isValidLocalDateTime } from '../../core/time';
import { cupsPrinter } from '../../../hardware/printers/cups';

// `npm run web -- --port P --data DIR [--demo-portal]`: the browser host for development, demos
// and tests. Runs from its bundle (dist/web/web-cli.cjs, built by build/web.mjs) or from source.

/** The checkout: the nearest folder above this file holding package.json (source or bundle). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the web host');
    dir = up;
  }
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5780' },
      data: { type: 'string' },
      renderer: { type: 'string', default: 'dist/renderer' },
      // Demo mode: a portal simulator on loopback, with the station pointed at it.
      'demo-portal': { type: 'boolean', default: false },
      // Tests and demos of whole lives: the station's clock starts at this Vietnam time and runs on.
      'test-clock': { type: 'string' },
    },
  });
  const root = projectRoot();
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const dataDir = resolve(values.data ?? resolve(homedir(), '.mot-cua-station-web'));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Cổng không hợp lệ: ${values.port}`);
    process.exit(2);
  }
  const testClock = values['test-clock'];
  if (testClock !== undefined && !isValidLocalDateTime(testClock)) {
    console.error(`Đồng hồ thử nghiệm không hợp lệ: ${testClock} (cần dạng 2027-03-08T09:00, giờ Việt Nam)`);
    process.exit(2);
  }
  const host = await startWebHost({
    port,
    dataDir,
    rendererDir: resolve(root, values.renderer),
    version: pkg.version,
    printer: cupsPrinter(),
    ...(process.env.STATION_WEB_TOKEN ? { token: process.env.STATION_WEB_TOKEN } : {}),
    ...(testClock !== undefined ? { testClock } : {}),
  });
  console.log(`Trạm tiếp nhận (trình duyệt) đang chạy: ${host.url}#token=${host.token}`);
  console.log(`Màn hình công dân (mở ở cửa sổ thứ hai): ${host.displayUrl()}`);
  console.log(`Máy lấy số thứ tự (mở trên máy đặt ở cửa): ${host.kioskUrl()}`);
  console.log(`Dữ liệu: ${dataDir}`);
  if (host.testClock) console.log(`Đồng hồ thử nghiệm: ${host.testClock.local()} (POST /api/testClock.set { "at": "YYYY-MM-DDTHH:mm" } để chỉnh)`);
  if (values['demo-portal']) {
    const { startPortalSimulator } = await import('../../portal/simulator/server');
    const sim = await startPortalSimulator({ port: 0, dataDir: resolve(dataDir, 'demo-portal') });
    // The station's own doing, not an officer's: configured in-process (the audit log says "station").
    await host.station.handlers['portal.configure']({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
    console.log(`Cổng mô phỏng (demo): ${sim.url}`);
  }
  // Load pdfmake and its fonts soon, so the first slip prints without a wait — but after the
  // page's first requests: loading them holds the event loop for a fifth of a second.
  setTimeout(() => void import('../../forms/pdf').then((pdf) => pdf.warmUpPdf()), 1500).unref();
  const stop = () => host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Không khởi động được trạm trình duyệt / the browser host could not start:', error);
  process.exit(1);
});
