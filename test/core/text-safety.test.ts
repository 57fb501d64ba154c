import { describe, expect, it } from 'vitest';
import { SecurityError } from '../../main/core/security-errors';
import {
  checkPersonText,
  checkPortalUrl,
  checkUrlTemplate,
  cleanPersonText,
  isAllowedPortalUrl,
  isSafeDeviceId,
  isSafeUrlTemplate,
  safeFileName,
  type TextKind,
} from '../../main/core/text-safety';

const refusedWith = (input: string, kind: TextKind = 'name') => {
  const result = checkPersonText(input, kind, 'owner.fullName');
  if (result.ok) throw new Error(`expected a refusal of ${JSON.stringify(input)}, got ${JSON.stringify(result.text)}`);
  return result.error;
};

describe('names, addresses and notes people type', () => {
  it('keeps Vietnamese letters and composes decomposed (NFD) input to NFC', () => {
    const nfd = 'Nguyễn Thị Hằng'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hằng'.normalize('NFC'));
    const text = cleanPersonText(nfd);
    expect(text).toBe('Nguyễn Thị Hằng'.normalize('NFC'));
    expect(text.length).toBe(15);
    expect(cleanPersonText('Đặng Thuỳ Dương, Phường Ngọc Hà', 'address')).toBe('Đặng Thuỳ Dương, Phường Ngọc Hà');
  });

  it('refuses a right-to-left override in a name and says where it is', () => {
    // "Nguyễn \u202Enăv" shows as "Nguyễn văn" reversed-looking text while storing something else.
    const error = refusedWith('Nguyễn \u202Enăv A');
    expect(error).toBeInstanceOf(SecurityError);
    expect(error.code).toBe('TEXT_BIDI_CONTROL');
    expect(error.params).toEqual({ codePoint: 'U+202E', position: 8 });
    expect(error.field).toBe('owner.fullName');
    expect(error.text('vi')).toContain('đảo chiều chữ (U+202E, ký tự thứ 8)');
    expect(error.text('en')).toContain('direction control (U+202E, position 8)');
  });

  it('refuses every bidi embedding, override and isolate in every kind of field', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      for (const kind of ['name', 'address', 'note', 'setting'] as const) {
        expect(refusedWith(`An${String.fromCodePoint(cp)}h`, kind).code).toBe('TEXT_BIDI_CONTROL');
      }
    }
  });

  it('strips zero-width joiners, spaces, BOM and direction marks, and counts them', () => {
    const result = checkPersonText('\uFEFFNguy\u200Bễn\u200D V\u200Căn\u2060 A\u200E\u200F\u061C');
    expect(result).toEqual({ ok: true, text: 'Nguyễn Văn A', removed: 8 });
    // What the search folds and compares is then the same name as the typed one.
    expect(cleanPersonText('Trần\u200B Bình')).toBe(cleanPersonText('Trần Bình'));
    // A zero-width space between a letter and its (decomposed) mark: the mark still composes.
    expect(cleanPersonText('Le\u200B\u0302')).toBe('Lê');
  });

  it('refuses NUL: "a\\u0000b" would print as "a" somewhere', () => {
    const error = refusedWith('a\u0000b');
    expect(error.code).toBe('TEXT_NUL');
    expect(error.params.position).toBe(2);
    expect(refusedWith('\u0000', 'note').code).toBe('TEXT_NUL');
  });

  it('refuses control characters: ESC is a printer command, C1 is broken decoding', () => {
    expect(refusedWith('Lan\u001B@').code).toBe('TEXT_CONTROL_CHARACTER'); // ESC @ resets an ESC/POS printer
    expect(refusedWith('Lan\u007F').code).toBe('TEXT_CONTROL_CHARACTER');
    expect(refusedWith('Ã\u0080n').code).toBe('TEXT_CONTROL_CHARACTER');
    expect(refusedWith('ghi\u0007chú', 'note').code).toBe('TEXT_CONTROL_CHARACTER');
    expect(refusedWith('a\u0008b', 'address').params).toEqual({ codePoint: 'U+0008', position: 2 });
  });

  it('refuses lone surrogates, noncharacters and private-use characters', () => {
    expect(refusedWith('An\uD800h').code).toBe('TEXT_INVALID_CHARACTER');
    expect(refusedWith('An\uDC00h').code).toBe('TEXT_INVALID_CHARACTER');
    expect(refusedWith('An\uFFFE').code).toBe('TEXT_INVALID_CHARACTER');
    expect(refusedWith('An\uFDD0').code).toBe('TEXT_INVALID_CHARACTER');
    expect(refusedWith('An\uE000').code).toBe('TEXT_INVALID_CHARACTER');
    // A real astral character (a surrogate pair) is fine.
    expect(cleanPersonText('Phở 𠀀')).toBe('Phở 𠀀');
  });

  it('refuses a letter buried under a pile of combining marks', () => {
    const zalgo = `A${'\u0301\u0300\u0303\u0309'}n`;
    const error = refusedWith(zalgo);
    expect(error.code).toBe('TEXT_TOO_MANY_MARKS');
    // Vietnamese with two marks per letter, typed decomposed, composes and passes.
    expect(cleanPersonText('Nguye\u0302\u0303n')).toBe('Nguyễn');
  });

  it('treats line breaks and tabs by kind', () => {
    // A cell copied from Excel ends with "\r\n": trimmed everywhere.
    expect(cleanPersonText('Lê Văn Tám\r\n')).toBe('Lê Văn Tám');
    // A name on two lines is two things pasted: refused, with the position of the break.
    const error = refusedWith('Lê Văn\nTám');
    expect(error.code).toBe('TEXT_LINE_BREAK');
    expect(error.params).toEqual({ codePoint: 'U+000A', position: 7 });
    expect(refusedWith('Cơ quan A\u2028B', 'setting').code).toBe('TEXT_LINE_BREAK');
    // An address pasted on several lines (including Word's manual break U+000B) is joined.
    expect(cleanPersonText('Số 12 Lê Lợi\r\n  Phường Bến Thành\u000BTP. Hồ Chí Minh', 'address')).toBe('Số 12 Lê Lợi Phường Bến Thành TP. Hồ Chí Minh');
    // A note keeps its lines and tabs, with "\r\n" as one break.
    expect(cleanPersonText('Dòng 1\r\nDòng 2\tcột\r\n\r\nDòng 4', 'note')).toBe('Dòng 1\nDòng 2\tcột\n\nDòng 4');
    expect(cleanPersonText('Lê\tVăn', 'name')).toBe('Lê Văn');
  });

  it('turns odd spaces into one plain space in single-line fields', () => {
    expect(cleanPersonText('  Phạm\u00A0\u00A0Quốc\u3000Huy  ')).toBe('Phạm Quốc Huy');
    expect(cleanPersonText('a \u2003 b', 'address')).toBe('a b');
  });

  it('throws a typed error from cleanPersonText and an empty result for blank input', () => {
    expect(() => cleanPersonText('x\u202Ey')).toThrow(SecurityError);
    expect(cleanPersonText(' \u200B ')).toBe('');
  });
});

describe('the lookup address printed in the QR code', () => {
  it('accepts http(s) templates with {code} in the path or query', () => {
    expect(isSafeUrlTemplate('https://dichvucong.gov.vn/tra-cuu?ma={code}')).toBe(true);
    expect(isSafeUrlTemplate('https://dvc.hanoi.gov.vn/ho-so/{code}')).toBe(true);
    expect(isSafeUrlTemplate('http://10.0.0.5:8080/tra-cuu/{code}?lai={code}')).toBe(true);
    expect(isSafeUrlTemplate('HTTPS://DVC.GOV.VN/#/tra-cuu/{code}')).toBe(true);
  });

  it('refuses javascript:, data:, file: and other schemes', () => {
    for (const t of ['javascript:alert(1)//{code}', 'JavaScript:alert(document.cookie)/{code}', 'data:text/html,<script>alert(1)</script>{code}',
      'file:///C:/Windows/{code}', 'vbscript:msgbox({code})', 'ftp://host/{code}', '//host/{code}', 'https:host/{code}', ' https://host/{code}']) {
      expect(isSafeUrlTemplate(t), t).toBe(false);
    }
    const check = checkUrlTemplate('javascript:alert(1)');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.code).toBe('URL_TEMPLATE_SCHEME');
      // The example in the message keeps its literal {code}.
      expect(check.error.text('vi')).toContain('https://dichvucong.gov.vn/tra-cuu?ma={code}');
    }
  });

  it('refuses a template without {code}, with {code} in the host, or with stray braces', () => {
    expect(isSafeUrlTemplate('https://dichvucong.gov.vn/tra-cuu')).toBe(false);
    expect(isSafeUrlTemplate('https://{code}.evil.vn/')).toBe(false);
    expect(isSafeUrlTemplate('https://{code}')).toBe(false);
    expect(isSafeUrlTemplate('https://host/{ma}/{code}')).toBe(false);
    expect(isSafeUrlTemplate('https://host/{code')).toBe(false);
  });

  it('refuses credentials, spaces and invisible characters', () => {
    expect(isSafeUrlTemplate('https://dichvucong.gov.vn@evil.vn/{code}')).toBe(false);
    expect(isSafeUrlTemplate('https://user:pass@dichvucong.gov.vn/{code}')).toBe(false);
    expect(isSafeUrlTemplate('https://dichvucong.gov.vn/tra cuu/{code}')).toBe(false);
    expect(isSafeUrlTemplate('https://dichvucong.gov.vn/\u202E/{code}')).toBe(false);
    expect(isSafeUrlTemplate('https://dichvucong.gov.vn/\u200B{code}')).toBe(false);
    expect(isSafeUrlTemplate(`https://h/${'a'.repeat(300)}{code}`)).toBe(false);
  });
});

describe("the portal's address", () => {
  it('accepts https anywhere and http on this PC only', () => {
    expect(isAllowedPortalUrl('https://lgsp.hanoi.gov.vn/api/')).toBe(true);
    expect(isAllowedPortalUrl('http://127.0.0.1:8790')).toBe(true);
    expect(isAllowedPortalUrl('http://localhost:8790/portal')).toBe(true);
    expect(isAllowedPortalUrl('http://[::1]:8790/')).toBe(true);
  });

  it('refuses plain http elsewhere, look-alike loopback hosts and credentials', () => {
    for (const u of ['http://lgsp.hanoi.gov.vn/api/', 'http://localhost.evil.vn/', 'http://127.0.0.1.nip.io/', 'http://192.168.1.10:8790/',
      'http://127.0.0.1@evil.vn/', 'https://user:secret@lgsp.gov.vn/', 'javascript:alert(1)', 'file:///etc/passwd', '', 'https://', 'https://a b/']) {
      expect(isAllowedPortalUrl(u), u).toBe(false);
    }
    const check = checkPortalUrl('http://lgsp.hanoi.gov.vn/');
    expect(check.ok ? null : check.error.code).toBe('PORTAL_URL_HTTPS_REQUIRED');
  });
});

describe('a dossier code as a file name', () => {
  it('leaves an ordinary code unchanged', () => {
    expect(safeFileName('000.00.06.H56-231027-0361')).toBe('000.00.06.H56-231027-0361');
    expect(safeFileName('G09.20-20260609-0092637')).toBe('G09.20-20260609-0092637');
  });

  it('cannot escape the folder: no separators, no "..", no drive letter, no NUL', () => {
    for (const hostile of ['../../etc/passwd', '..\\..\\Windows\\System32\\config', 'C:\\Windows\\win.ini', 'C:evil', '/etc/shadow',
      'a\u0000b', '..', '.', '', '....', '.hidden', 'name.', 'x/../../y', '\\\\server\\share\\x']) {
      const name = safeFileName(hostile);
      expect(name, hostile).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*[A-Za-z0-9_-]$|^[A-Za-z0-9_-]$/);
      expect(name).not.toContain('..');
      expect(name).not.toMatch(/[/\\:\u0000]/);
      expect(name.length).toBeLessThanOrEqual(80);
    }
    expect(safeFileName('../../etc/passwd')).toMatch(/^etc_passwd-[0-9a-f]{10}$/);
  });

  it('never gives a reserved Windows device name', () => {
    for (const reserved of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'nul.pdf', 'COM1', 'com9.txt', 'LPT1', 'CONIN$', 'conout$']) {
      const name = safeFileName(reserved);
      expect(name.split('.')[0], reserved).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)$/i);
    }
    expect(safeFileName('CON')).toMatch(/^_CON-[0-9a-f]{10}$/);
    expect(safeFileName('nul.pdf')).toMatch(/^_nul\.pdf-[0-9a-f]{10}$/);
    expect(safeFileName('CONSOLE')).toBe('CONSOLE'); // only the exact device names are reserved
  });

  it('is stable, caps the length and keeps distinct codes distinct', () => {
    expect(safeFileName('a/b')).toBe(safeFileName('a/b'));
    expect(safeFileName('a/b')).not.toBe(safeFileName('a_b'));
    expect(safeFileName('a_b')).toBe('a_b');
    const long = `H56-${'9'.repeat(300)}`;
    expect(safeFileName(long).length).toBeLessThanOrEqual(80);
    expect(safeFileName(long)).not.toBe(safeFileName(`${long}0`));
    expect(safeFileName('Hồ sơ số 1', 40)).toMatch(/^H_s_s_1-[0-9a-f]{10}$/);
    // Twenty thousand codes that all clean to the same text ("x") still get twenty thousand names.
    const codes = Array.from({ length: 20_000 }, (_, i) => `x/${String.fromCodePoint(0x4e00 + i)}`);
    const names = new Set(codes.map((c) => safeFileName(c)));
    expect(names.size).toBe(20_000);
    expect([...names].every((n) => /^x-[0-9a-f]{10}$/.test(n))).toBe(true);
  });
});

describe('device ids from drivers', () => {
  it('accepts the ids drivers report', () => {
    for (const id of ['test:0', 'escl:http://192.168.1.20:80/eSCL', 'pixma:04A91912_ABCDEF', '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001',
      'HP LaserJet MFP M28w (1A2B3C)']) {
      expect(isSafeDeviceId(id), id).toBe(true);
    }
  });

  it('refuses NUL, control characters, option-like and unbounded ids', () => {
    for (const id of ['', 'test\u00000', 'test:0\n', 'a\u001Bb', 'a\u202Eb', 'a\u200Bb', '-d', '--help', ' test:0', 'x'.repeat(501), 'a\uD800']) {
      expect(isSafeDeviceId(id), JSON.stringify(id)).toBe(false);
    }
    expect(isSafeDeviceId(42)).toBe(false);
    expect(isSafeDeviceId('x'.repeat(500))).toBe(true);
  });
});
