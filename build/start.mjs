// `npm start`: build, make sure the SQLite binding for Electron exists, open the desktop window.
// Where Electron's binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so plainly
// and offer the browser host instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline/promises';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = require.resolve('electron/package.json').replace(/package\.json$/, '');
    const pathFile = `${dir}path.txt`;
    if (!existsSync(pathFile)) return undefined;
    const binary = `${dir}dist/${readFileSync(pathFile, 'utf8').trim()}`;
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const binary = electronBinary();
if (!binary) {
  console.error(`
Chưa có chương trình Electron trên máy này (cài đặt đã bỏ qua bước tải Electron).
  • Để tải Electron (cần mạng):   node node_modules/electron/install.js
  • Hoặc dùng bản chạy trong trình duyệt:   npm run web

Electron's binary is not installed here (it was skipped at install time).
  • Fetch it (needs the network):  node node_modules/electron/install.js
  • Or use the browser host:       npm run web
`);
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await rl.question('Mở bản trình duyệt ngay? / Open the browser host now? [C/n] ')).trim().toLowerCase();
    rl.close();
    if (answer === '' || answer.startsWith('c') || answer.startsWith('y')) {
      run('npm', ['run', 'web']);
      process.exit(0);
    }
  }
  process.exit(1);
}

run('npm', ['run', 'build']);
run(process.execPath, ['build/electron-native.mjs']);
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
