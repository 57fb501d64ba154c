import { describe, it, expect } from 'vitest';
import type { DossierSummary } from '../../main/contract/schemas';
import { foldVietnamese, nameSuffixes, prefixUpperBound } from '../../main/core/text-fold';
import { idNumberFor } from '../helpers/people';
import { openTestStation, type TestStation } from '../helpers/station';

describe('folding Vietnamese for search', () => {
  it('drops tones and vowel marks and folds đ/Đ, which Unicode decomposition leaves alone', () => {
    expect(foldVietnamese('Đặng Thị Ngọc Ánh')).toBe('dang thi ngoc anh');
    expect(foldVietnamese('ĐỖ')).toBe('do');
    expect(foldVietnamese('Nguyễn Thị Thuỷ Tiên')).toBe('nguyen thi thuy tien');
    expect(foldVietnamese('Trương Ưu Ơn')).toBe('truong uu on');
    expect(foldVietnamese('Chứng thực bản sao từ bản chính')).toBe('chung thuc ban sao tu ban chinh');
  });

  it('folds text typed decomposed (NFD, as some keyboards send it) exactly like composed text', () => {
    for (const name of ['Đặng Thị Ngọc Ánh', 'Nguyễn Thị Thuỷ Tiên', 'Lê Hữu Đức', 'Phạm Ỷ Lan']) {
      expect(foldVietnamese(name.normalize('NFD'))).toBe(foldVietnamese(name.normalize('NFC')));
    }
  });

  it('collapses spacing so a stray double space still matches', () => {
    expect(foldVietnamese('  Đặng   Văn\tĐức ')).toBe('dang van duc');
  });

  it('stores every word-suffix of a name, and bounds prefix ranges', () => {
    expect(nameSuffixes('nguyen van an')).toEqual(['nguyen van an', 'van an', 'an']);
    expect(prefixUpperBound('ngu')).toBe('ngv');
    expect('nguyen' >= 'ngu' && 'nguyen' < prefixUpperBound('ngu')).toBe(true);
    expect('ngv' < prefixUpperBound('ngu')).toBe(false);
  });
});

describe('finding dossiers at the counter', () => {
  async function stationWithOwners(): Promise<{ station: TestStation; duc: string; tien: string; ngoc: string }> {
    const station = openTestStation();
    const duc = await station.save(await station.validDraft({
      owner: { fullName: 'Đặng Văn Đức', birthDate: '1980-02-14', idNumber: idNumberFor('1980-02-14', 'male', { province: '027', serial: 111 }), phone: '0912 345 678' },
    }));
    station.clock.setLocal('2026-11-23T10:15');
    const tien = await station.save(await station.validDraft({
      owner: { fullName: 'Nguyễn Thị Thuỷ Tiên'.normalize('NFD'), birthDate: '2001-09-30', idNumber: idNumberFor('2001-09-30', 'female', { province: '001', serial: 222 }), phone: '+84 98 765 4321' },
    }));
    station.clock.setLocal('2026-11-23T14:05');
    const ngoc = await station.save(await station.validDraft({
      owner: { fullName: 'Trần Bảo Ngọc', birthDate: '1975-01-01', idNumber: idNumberFor('1975-01-01', 'female', { province: '079', serial: 333 }), phone: '024 3825 3536' },
    }));
    return { station, duc: duc.code, tien: tien.code, ngoc: ngoc.code };
  }

  async function search(station: TestStation, query: string): Promise<string[]> {
    const answer = await station.call('dossier.search', { query });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return (answer.value as DossierSummary[]).map((d) => d.ownerName);
  }

  it('finds owners by any part of their name, with or without diacritics, including đ', async () => {
    const { station } = await stationWithOwners();
    expect(await search(station, 'dang van')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, 'duc')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, 'Đức')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, 'ĐẶNG')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, 'thuy tien')).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, 'nguyen thi')).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, 'Tiên'.normalize('NFD'))).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, 'ngoc')).toEqual(['Trần Bảo Ngọc']);
    expect(await search(station, 'van duc x')).toEqual([]);
    expect(await search(station, 'tran thi')).toEqual([]);
  });

  it('finds a dossier by the name of the person who submitted it for the owner', async () => {
    const { station } = await stationWithOwners();
    await station.save(await station.validDraft({ owner: { fullName: 'Lý Thị Mai' }, submitter: { fullName: 'Đoàn Quốc Việt' } }));
    expect(await search(station, 'doan quoc')).toEqual(['Lý Thị Mai']);
    expect(await search(station, 'viet')).toEqual(['Lý Thị Mai']);
  });

  it('stores the name composed (NFC) even when it was typed decomposed', async () => {
    const { station } = await stationWithOwners();
    const names = await search(station, 'tien');
    expect(names[0]).toBe('Nguyễn Thị Thuỷ Tiên'.normalize('NFC'));
    expect(names[0]).toBe(names[0]!.normalize('NFC'));
  });

  it('finds a dossier by the start of the identity number', async () => {
    const { station } = await stationWithOwners();
    expect(await search(station, '027080')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, idNumberFor('2001-09-30', 'female', { province: '001', serial: 222 }))).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, '079')).toEqual(['Trần Bảo Ngọc']);
  });

  it('finds a dossier by phone, typed with spaces or dots, or in +84 form', async () => {
    const { station } = await stationWithOwners();
    expect(await search(station, '0912 345 678')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, '0912.345')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, '+84 912 345 678')).toEqual(['Đặng Văn Đức']);
    expect(await search(station, '0987654321')).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, '+84987654321')).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, '024 3825 3536')).toEqual(['Trần Bảo Ngọc']);
  });

  it('finds a dossier by the start of its code, typed in lower case', async () => {
    const { station, tien } = await stationWithOwners();
    expect(tien).toBe('000.00.06.H56-261123-0002');
    expect(await search(station, '000.00.06.h56-261123-0002')).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    expect(await search(station, tien)).toEqual(['Nguyễn Thị Thuỷ Tiên']);
    // A prefix lists the day's dossiers, newest first.
    expect(await search(station, '000.00.06.h56-261123')).toEqual(['Trần Bảo Ngọc', 'Nguyễn Thị Thuỷ Tiên', 'Đặng Văn Đức']);
  });

  it('finds nothing for a search that matches nobody, and nothing for an empty box', async () => {
    const { station } = await stationWithOwners();
    expect(await search(station, 'hoang')).toEqual([]);
    expect(await search(station, '0999')).toEqual([]);
    expect(await search(station, '   ')).toEqual([]);
  });

  it('lists today’s dossiers in the log book in the order they were received', async () => {
    const { station, duc, tien, ngoc } = await stationWithOwners();
    station.clock.setLocal('2026-11-24T08:00');
    const tomorrow = await station.save(await station.validDraft({ owner: { fullName: 'Hoàng Minh Khôi' } }));

    const today = await station.call('dossier.logbook', { date: '2026-11-23' });
    expect(today.ok && (today.value as DossierSummary[]).map((d) => [d.code, d.receivedAt, d.logBookLine])).toEqual([
      [duc, '2026-11-23T09:32', 1],
      [tien, '2026-11-23T10:15', 2],
      [ngoc, '2026-11-23T14:05', 3],
    ]);
    // Without a date the log book is the station's today.
    const now = await station.call('dossier.logbook', {});
    expect(now.ok && (now.value as DossierSummary[]).map((d) => d.code)).toEqual([tomorrow.code]);
  });

  it('lists the log book by time received even when the dossiers were saved out of order', async () => {
    const station = openTestStation();
    station.clock.setLocal('2026-11-23T15:00');
    const late = await station.save(await station.validDraft({ owner: { fullName: 'Người Đến Sau' } }));
    // The PC clock was fast and got corrected: a dossier saved later but received earlier.
    station.clock.setLocal('2026-11-23T08:10');
    const early = await station.save(await station.validDraft({ owner: { fullName: 'Người Đến Trước' } }));
    const answer = await station.call('dossier.logbook', { date: '2026-11-23' });
    expect(answer.ok && (answer.value as DossierSummary[]).map((d) => d.code)).toEqual([early.code, late.code]);
  });
});
