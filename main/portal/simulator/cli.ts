import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPortalSimulator } from './server';

// `npm run portal-sim -- --port P --data DIR [--host H] [--base-path /dvc/v1]
//                       [--client-id ID --client-secret SECRET]`
// Prints the base URL and the credentials a station's settings need, then a last line
// `READY {json}` for scripts that start it as a child process. Stops on Ctrl+C / SIGTERM.

const USAGE = `Usage: npm run portal-sim -- --port 8790 --data ./portal-data [--host 127.0.0.1] [--base-path /dvc/v1]
                            [--client-id station-demo] [--client-secret demo-secret]`;

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '8790' },
      data: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'base-path': { type: 'string', default: '' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0–65535), got "${args.port}".\n${USAGE}`);
  process.exit(2);
}
const dataDir = resolve(args.data ?? join(tmpdir(), 'portal-sim'));

const sim = await startPortalSimulator({
  port,
  dataDir,
  host: args.host,
  basePath: args['base-path'],
  ...(args['client-id'] ? { clientId: args['client-id'] } : {}),
  ...(args['client-secret'] ? { clientSecret: args['client-secret'] } : {}),
});

console.log(`Portal simulator (PROTOCOL.md v1) listening on ${sim.url}`);
console.log(`  client_id:     ${sim.clientId}`);
console.log(`  client_secret: ${sim.clientSecret}`);
console.log(`  data:          ${dataDir}`);
console.log(`  admin:         ${sim.url}/__sim/stats, /__sim/dossiers, POST /__sim/faults, POST /__sim/reset`);
console.log(`READY ${JSON.stringify({ url: sim.url, port: sim.port, clientId: sim.clientId, clientSecret: sim.clientSecret, dataDir })}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`Portal simulator stopping (${signal}).`);
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
