// A separate process converting a clear database (encryption.test.ts): it kills itself with
// SIGKILL right after the step named on its command line, as a power cut or a crash would.
//   node --import tsx test/storage/encryption-child.ts <database file> <key hex> <step>
import { encryptExistingDatabase, type EncryptionStep } from '../../main/storage/encryption';

const [file, keyHex, stopAt] = process.argv.slice(2) as [string, string, EncryptionStep];

encryptExistingDatabase(file, Buffer.from(keyHex, 'hex'), {
  onStep: (step) => {
    if (step === stopAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('FINISHED\n');
