// The e-receipt provider simulator on its own, for demos:
//   node --import tsx main/fees/ereceipt/simulator/cli.ts --port 8791 --data ./ereceipt-sim
// It prints its address, the demo API key and the tax code that key is bound to; point the
// station at it on the fees settings (fees.configure).
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT, startEReceiptSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8791' },
    data: { type: 'string', default: './ereceipt-sim-data' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string', default: DEFAULT_ACCOUNT.apiKey },
    'tax-code': { type: 'string', default: DEFAULT_ACCOUNT.taxCode },
  },
});

const sim = await startEReceiptSimulator({
  port: Number(values.port),
  dataDir: values.data,
  host: values.host,
  accounts: [{ apiKey: values['api-key'], taxCode: values['tax-code'] }],
});
process.stdout.write(`Máy chủ giả lập biên lai điện tử: ${sim.url}\nAPI key: ${values['api-key']} (mã số thuế ${values['tax-code']})\n`);
const stop = () => { void sim.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
