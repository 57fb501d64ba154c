import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addedModuleId, binaryArchitecture, moduleList, resolveModule } from '../../../hardware/tokens/known-modules';
import { knownTokenDevice, usbId } from '../../../hardware/tokens/usb-ids';

// The table of the CAs' PKCS#11 modules per OS, how a file is judged before loading it, and
// the USB ids that name a token when it is plugged in.

const dir = mkdtempSync(join(tmpdir(), 'station-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function peFile(name: string, machine: number): string {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  const file = join(dir, name);
  writeFileSync(file, b);
  return file;
}

describe('the table of known modules', () => {
  it('lists the Vietnamese CAs’ DLLs on Windows, in the order of docs/hardware.md, then the technician’s paths', () => {
    const list = moduleList(['D:\\CA\\newca_p11.dll'], 'win32');
    expect(list.slice(0, 7).map((m) => m.path)).toEqual(['vnptca_p11_v8.dll', 'viettel-ca_v5.dll', 'BkavCA.dll', 'fptca_v3.dll', 'eTPKCS11.dll', 'eps2003csp11.dll', 'wdpkcs.dll']);
    expect(list.at(-1)).toEqual({ id: addedModuleId('D:\\CA\\newca_p11.dll'), vendor: 'newca_p11.dll', path: 'D:\\CA\\newca_p11.dll', origin: 'added' });
    expect(moduleList(['/opt/x/eTPKCS11.dll'], 'win32').at(-1)!.vendor).toBe('SafeNet eToken'); // a known file under another path
  });

  it('has Linux equivalents where known, SoftHSM included', () => {
    const ids = moduleList([], 'linux').map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['safenet-etoken', 'feitian-epass2003', 'opensc', 'softhsm']));
    expect(ids).not.toContain('vnpt-ca'); // no Linux library published
  });

  it('says a Windows DLL is absent from System32, and a 32-bit one is the wrong architecture', () => {
    expect(resolveModule('vnptca_p11_v8.dll', 'win32', 'x64')).toMatchObject({ ok: false, failure: 'absent' });
    expect(resolveModule(peFile('old.dll', 0x14c), 'win32', 'x64')).toMatchObject({ ok: false, failure: 'wrong_architecture' });
    expect(resolveModule(peFile('new.dll', 0x8664), 'win32', 'x64')).toMatchObject({ ok: true });
  });

  it('reads the processor of ELF and PE files', () => {
    expect(binaryArchitecture(peFile('arm.dll', 0xaa64))).toBe('arm64');
    expect(binaryArchitecture(process.execPath)).toBe(process.arch);
    expect(binaryArchitecture(join(dir, 'missing.so'))).toBe('unknown');
  });
});

describe('USB ids of tokens', () => {
  it('names the common tokens, by product or by maker', () => {
    expect(knownTokenDevice(0x096e, 0x0807)?.name).toBe('Feitian ePass2003');
    expect(knownTokenDevice(0x0529, 0x0620)?.name).toBe('SafeNet eToken 5110 / PRO');
    expect(knownTokenDevice(0x096e, 0x1234)?.name).toBe('Feitian');
    expect(knownTokenDevice(0x046d, 0xc077)).toBeUndefined(); // a mouse
    expect(usbId(0x96e, 0x807)).toBe('096e:0807');
  });
});
