import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The token rig (docs/testing.md): SoftHSM2 tokens in a temporary folder (SOFTHSM2_CONF points
// at a config of our own), keys and certificates made with `openssl req -utf8` and issued by
// a test CA with `openssl ca`, imported with softhsm2-util and pkcs11-tool. Everything the
// station then does goes through the real PKCS#11 module.
//
// Every validity here is counted from the test's own clock (`softHsmRig({ now })`), never from
// the machine's: a test that signs at a fixed time must find its CA and certificates valid at
// that time whatever day the suite runs (docs/testing.md, "Clocks").

export const SOFTHSM_MODULE = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'].find((p) => existsSync(p)) ?? '/usr/lib/softhsm/libsofthsm2.so';

export const OFFICER_PIN = '246810';
const SO_PIN = '13572468';

const run = (cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  execFileSync(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');

export type Identity = Readonly<{
  keyPem: string;
  certPem: string;
  certDer: Buffer;
  /** CKA_ID given to the key and the certificate on the token (hex). */
  id: string;
}>;

export type IssueOptions = {
  /** openssl -subj, with Vietnamese in UTF-8. */
  subject: string;
  /** YYYYMMDDHHMMSSZ; default: a year before the rig's clock → four years after it. */
  startDate?: string;
  endDate?: string;
  /** X.509 keyUsage; default "critical,digitalSignature,nonRepudiation". */
  keyUsage?: string;
  ec?: boolean;
  /** How the CSR encodes the names: UTF8String (today's CAs) or BMPString (older ones). */
  nameEncoding?: 'utf8' | 'bmp';
};

export type TestCa = Readonly<{ dir: string; certPem: string; certDer: Buffer; issue: (options: IssueOptions) => Identity }>;

export type SoftHsmRig = Readonly<{
  dir: string;
  conf: string;
  env: NodeJS.ProcessEnv;
  ca: TestCa;
  createToken: (label: string, pin?: string) => void;
  /** Key and certificate onto a token under the same CKA_ID (and the CA certificate, as CAs ship it). */
  load: (label: string, identity: Identity, pin?: string) => void;
  deleteToken: (label: string) => void;
  /** Builds (once) the PKCS#11 module that adds PIN-try counting to SoftHSM (rig/pin-limit-shim.c). */
  pinLimitModule: (maxTries?: number) => string;
  remove: () => void;
}>;

let idCounter = 0;

/** openssl's time format, YYYYMMDDHHMMSSZ. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

const DAY_MS = 86_400_000;

function makeCa(dir: string, now: Date): TestCa {
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]', 'default_ca = CA_default',
      '[CA_default]', 'dir = .', 'database = ./index.txt', 'new_certs_dir = ./newcerts', 'serial = ./serial',
      'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'email_in_dn = no',
      '[policy_any]', 'commonName = supplied',
      '[req]', 'distinguished_name = dn', '[dn]',
      '[bmp]', 'distinguished_name = dn', 'string_mask = default',
      '[root]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  // `openssl req -x509` dates a certificate from the machine's clock; `openssl ca -selfsign`
  // takes explicit dates: ten years before the test clock to ten years after it.
  run('openssl', ['req', '-utf8', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.csr',
    '-subj', '/C=VN/O=Phòng thử nghiệm Trạm một cửa/CN=CA Thử nghiệm Trạm một cửa', '-config', 'ca.cnf'], { cwd: dir });
  run('openssl', ['ca', '-batch', '-selfsign', '-config', 'ca.cnf', '-utf8', '-preserveDN', '-notext', '-in', 'ca.csr', '-out', 'ca.pem',
    '-keyfile', 'ca.key', '-extensions', 'root',
    '-startdate', stamp(new Date(now.getTime() - 3650 * DAY_MS)), '-enddate', stamp(new Date(now.getTime() + 3650 * DAY_MS))], { cwd: dir });
  const certPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
  const certDer = Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return {
    dir,
    certPem,
    certDer,
    issue: (o) => {
      const n = ++idCounter;
      const name = `id${n}`;
      writeFileSync(join(dir, `${name}.ext`), [
        '[ext]', 'basicConstraints = CA:FALSE', `keyUsage = ${o.keyUsage ?? 'critical,digitalSignature,nonRepudiation'}`,
        'extendedKeyUsage = emailProtection,clientAuth', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid', '',
      ].join('\n'));
      const keyArgs = o.ec ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
      const reqConfig = o.nameEncoding === 'bmp' ? ['-config', 'ca.cnf', '-section', 'bmp'] : ['-config', 'ca.cnf'];
      run('openssl', ['req', '-utf8', '-new', ...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', o.subject, ...reqConfig], { cwd: dir });
      const at = now.getTime();
      run('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-utf8', '-preserveDN', '-notext', '-in', `${name}.csr`, '-out', `${name}.pem`,
        '-cert', 'ca.pem', '-keyfile', 'ca.key', '-extfile', `${name}.ext`, '-extensions', 'ext',
        '-startdate', o.startDate ?? stamp(new Date(at - 365 * DAY_MS)), '-enddate', o.endDate ?? stamp(new Date(at + 4 * 365 * DAY_MS))], { cwd: dir });
      const certPem = readFileSync(join(dir, `${name}.pem`), 'utf8');
      return {
        keyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
        certPem,
        certDer: Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
        id: (0xa0 + n).toString(16).padStart(2, '0') + '5a',
      };
    },
  };
}

/**
 * A SoftHSM2 rig in a fresh temporary folder, with a test CA whose validity and whose
 * certificates' default validity are counted from `now`, the clock the test signs and verifies
 * at. Sets SOFTHSM2_CONF in this process (SoftHSM reads it at C_Initialize), so one rig per
 * test file at a time.
 */
export function softHsmRig(options: { now: Date }): SoftHsmRig {
  const dir = mkdtempSync(join(tmpdir(), 'station-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  process.env.SOFTHSM2_CONF = conf;
  const ca = makeCa(join(dir, 'ca'), options.now);
  const shims = new Map<number, string>();
  return {
    dir,
    conf,
    env,
    ca,
    createToken: (label, pin = OFFICER_PIN) => {
      run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', SO_PIN], { env });
    },
    load: (label, identity, pin = OFFICER_PIN) => {
      const keyFile = join(dir, `${identity.id}.key.pem`);
      writeFileSync(keyFile, identity.keyPem);
      run('softhsm2-util', ['--import', keyFile, '--token', label, '--label', 'Khóa ký số', '--id', identity.id, '--pin', pin], { env });
      rmSync(keyFile);
      const write = (der: Buffer, id: string, objectLabel: string) => {
        const file = join(dir, `${id}.cert.der`);
        writeFileSync(file, der);
        run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin,
          '--write-object', file, '--type', 'cert', '--id', id, '--label', objectLabel], { env });
      };
      write(identity.certDer, identity.id, 'Chứng thư số');
      write(ca.certDer, 'ca01', 'CA');
    },
    deleteToken: (label) => {
      run('softhsm2-util', ['--delete-token', '--token', label], { env });
    },
    pinLimitModule: (maxTries = 3) => {
      let lib = shims.get(maxTries);
      if (lib) return lib;
      const state = join(dir, `pin-state-${maxTries}`);
      mkdirSync(state);
      lib = join(dir, `pin-limit-${maxTries}.so`);
      const source = resolve('test/hardware/tokens/rig/pin-limit-shim.c');
      // A copy of SoftHSM of its own: the same file loaded directly by the station would be the
      // same library instance, and finalising one would end the other's sessions.
      const target = join(dir, `softhsm-for-shim-${maxTries}.so`);
      copyFileSync(SOFTHSM_MODULE, target);
      run('gcc', ['-shared', '-fPIC', '-O2', '-I', resolve('node_modules/pkcs11js/includes/pkcs11'), '-o', lib, source,
        // Settings baked in, so the module needs no environment of its own.
        `-DSHIM_TARGET="${target}"`, `-DSHIM_STATE_DIR="${state}"`, `-DSHIM_MAX_TRIES=${maxTries}`, '-ldl']);
      shims.set(maxTries, lib);
      return lib;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether the rig's tools are on this machine (CI installs them; see .ci/run). */
export function rigAvailable(): boolean {
  return existsSync(SOFTHSM_MODULE) && ['softhsm2-util', 'pkcs11-tool', 'openssl'].every((t) => {
    try {
      execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}
