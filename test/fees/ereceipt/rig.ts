import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startEReceiptSimulator, DEFAULT_ACCOUNT, type EReceiptSimulator, type EReceiptSimulatorOptions } from '../../../main/fees/ereceipt/simulator/server';

// An e-receipt provider simulator for one test (closed and its folder removed when the test ends).

export type Reply = Readonly<{ status: number; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function startProvider(options: Partial<EReceiptSimulatorOptions> = {}): Promise<EReceiptSimulator & { request: (method: string, path: string, o?: { body?: unknown; key?: string; apiKey?: string; fault?: string }) => Promise<Reply> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ereceipt-sim-'));
  const sim = await startEReceiptSimulator({ port: 0, dataDir, now: () => new Date('2026-11-23T02:40:00Z'), ...options });
  onTestFinished(async () => { await sim.close(); rmSync(dataDir, { recursive: true, force: true }); });
  return Object.assign(sim, {
    request: async (method: string, path: string, o: { body?: unknown; key?: string; apiKey?: string; fault?: string } = {}) => {
      const headers: Record<string, string> = { authorization: `Bearer ${o.apiKey ?? DEFAULT_ACCOUNT.apiKey}` };
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      if (o.key) headers['idempotency-key'] = o.key;
      if (o.fault) headers['x-sim-fault'] = o.fault;
      const res = await fetch(`${sim.url}${path}`, { method, headers, ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}) });
      const text = await res.text();
      let json: unknown;
      try { json = JSON.parse(text); } catch { json = text; }
      return { status: res.status, json };
    },
  });
}

/** An e-receipt as the station sends it (PROTOCOL.md). */
export function sampleEReceipt(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MauSo: '01BLP0-001', KyHieu: 'AA-26E', SoBienLai: '0000001', NgayLap: '20261123093200',
    DonViThu: { Ten: 'UBND XÃ TIÊN DU', MaSoThue: DEFAULT_ACCOUNT.taxCode, MaCoQuan: '000.00.06.H56' },
    NguoiNop: { HoTen: 'Nguyễn Văn An', DiaChi: 'Tiên Du, Bắc Ninh' },
    MaHoSo: '000.00.06.H56-261123-0001', TenThuTuc: 'Chứng thực bản sao từ bản chính', HinhThucThanhToan: 'TM',
    DanhSachKhoanThu: [{ TenKhoanThu: 'Phí chứng thực bản sao từ bản chính', SoLuong: 3, MucThu: 2000, MienGiam: 0, ThanhTien: 6000 }],
    TongTien: 6000, TongTienBangChu: 'Sáu nghìn đồng', CanBoThu: 'Trần Thị Thu',
    ...overrides,
  };
}
