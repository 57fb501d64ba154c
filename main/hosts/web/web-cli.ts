import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import { readFileSync } from 'node:fs';
import { startWebHost } from './web-host';
import { cupsPrinter } from '../../../hardware/printers/cups';

// `npm run web -- --port P --data DIR`: the browser host for development, demos and tests.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5780' },
    data: { type: 'string' },
    renderer: { type: 'string', default: 'dist/renderer' },
  },
});
const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = resolve(values.data ?? resolve(homedir(), '.mot-cua-station-web'));
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Cổng không hợp lệ: ${values.port}`);
  process.exit(2);
}
const host = await startWebHost({
  port,
  dataDir,
  rendererDir: resolve(root, values.renderer),
  version: pkg.version,
  printer: cupsPrinter(),
  ...(process.env.STATION_WEB_TOKEN ? { token: process.env.STATION_WEB_TOKEN } : {}),
});
console.log(`Trạm tiếp nhận (trình duyệt) đang chạy: ${host.url}#token=${host.token}`);
console.log(`Dữ liệu: ${dataDir}`);
// Load pdfmake and its fonts now, in the background, so the first slip prints without a wait.
void import('../../forms/pdf').then((pdf) => pdf.warmUpPdf());
const stop = () => host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
