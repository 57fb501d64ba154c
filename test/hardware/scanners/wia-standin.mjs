// Stands in for powershell.exe in the WIA driver's tests (WIA runs only on Windows): reads the
// script the driver built, and answers as the script would on a machine with one scanner.
//   WIA_STANDIN_PAGES=n        pages in the feeder (default 3)
//   WIA_STANDIN_FAIL=0x8021…   after the pages, fail with this HRESULT instead of running out
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const script = Buffer.from(process.argv[2] ?? '', 'base64').toString('utf16le');
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\r\n`);
process.stdout.write('WARNING: a PowerShell banner line that is not JSON\r\n');
if (script.includes('.Transfer(')) {
  const outDir = /\$outDir = '((?:[^']|'')*)'/.exec(script)[1].replace(/''/g, "'");
  const max = Number(/\$max = (\d+)/.exec(script)[1]);
  const pages = Number(process.env.WIA_STANDIN_PAGES ?? 3);
  let n = 0;
  while ((max === 0 || n < max) && n < pages) {
    emit({ type: 'progress', page: n + 1 });
    n++;
    const file = join(outDir, `p${String(n).padStart(4, '0')}.png`);
    writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`page ${n}`)]));
    emit({ type: 'page', file, page: n });
  }
  if (process.env.WIA_STANDIN_FAIL) {
    emit({ type: 'error', hresult: process.env.WIA_STANDIN_FAIL, message: 'Thiết bị báo lỗi', pages: n });
    process.exit(3);
  }
  emit({ type: 'done', pages: n });
} else if (script.includes('SubTypeMin')) {
  emit({ type: 'caps', handling: 7, bedWidth: 8500, bedHeight: 11690, feedWidth: 8500, feedHeight: 14000, resolutions: { kind: 'list', values: [75, 150, 200, 300, 600, 1200] }, dataTypes: { kind: 'list', values: [0, 2, 3] } });
} else {
  emit({ type: 'device', id: '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001', name: 'fi-7160', manufacturer: 'FUJITSU' });
}
