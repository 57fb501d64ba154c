import type { Handlers } from '../contract/dispatch';
import type { StationContext } from '../feature';
import { relaxDurability } from '../storage/database';
import { EReceiptWorker, type EReceiptWorkerOptions } from './ereceipt/ereceipt-worker';
import { HttpEReceiptProvider } from './ereceipt/http-provider';
import type { EReceiptProvider } from './ereceipt/provider';
import { jobCounts, retryJobs } from './ereceipt-jobs-store';
import { receiptById } from './fees-store';
import { readFeesSettings, writeFeesSettings, type FeesSettings } from './fees-settings';
import { feesMessage } from './messages';

// The fee settings and the e-receipt provider: the technician sets the tax code, the receipt
// paper and copies, the provider's address and key (sealed by the station's vault); the worker
// sends e-receipts in the background through its own connection.

type SettingsChannel = 'fees.settings' | 'fees.configure' | 'ereceipt.status' | 'ereceipt.retry' | 'ereceipt.test';

export type EReceiptOptions = Readonly<{
  /** Replaces the HTTP provider (never in production). */
  providerFactory?: (url: string, apiKey: string) => EReceiptProvider;
  worker?: Partial<Omit<EReceiptWorkerOptions, 'db' | 'provider' | 'onChange'>>;
}>;

export type EReceiptService = Readonly<{ handlers: Pick<Handlers, SettingsChannel>; wake: () => void; worker: EReceiptWorker }>;

export function eReceiptService(ctx: StationContext, options: EReceiptOptions = {}): EReceiptService {
  const { db } = ctx;
  let current: { key: string; provider: EReceiptProvider } | null = null;
  let cached: FeesSettings | undefined;
  const settings = () => (cached ??= readFeesSettings(db));

  /** The provider for the settings in force; rebuilt when they change, null while unset or unreadable. */
  const provider = (): EReceiptProvider | null => {
    const s = settings();
    let apiKey = '';
    if (s.ereceiptUrl && s.ereceiptSealedKey) {
      try {
        apiKey = ctx.vault.open(s.ereceiptSealedKey);
      } catch {
        apiKey = ''; // sealed on another machine: the technician enters the key again
      }
    }
    const key = apiKey ? `${s.ereceiptUrl}\n${apiKey}` : '';
    if (current?.key !== key) {
      current?.provider.close();
      current = key ? { key, provider: options.providerFactory?.(s.ereceiptUrl, apiKey) ?? new HttpEReceiptProvider({ baseUrl: s.ereceiptUrl, apiKey }) } : null;
    }
    return current?.provider ?? null;
  };

  // Provider acknowledgements may be lost in a power cut without harm: a job sent again carries
  // its key and the provider answers the same receipt.
  const workerDb = ctx.openConnection();
  relaxDurability(workerDb);
  const worker = new EReceiptWorker({
    db: workerDb,
    provider,
    now: () => ctx.now().getTime(),
    language: ctx.language,
    onChange: (receiptIds) => {
      for (const code of new Set(receiptIds.map((id) => receiptById(workerDb, id)?.dossierCode).filter((c): c is string => c !== undefined))) {
        ctx.events.emit('fees.changed', { code });
      }
    },
    ...options.worker,
  });
  worker.start();
  ctx.onClose(async () => {
    await worker.stop();
    current?.provider.close();
    workerDb.close();
  });

  const view = () => {
    const s = settings();
    return {
      collectorTaxCode: s.collectorTaxCode, receiptPaper: s.receiptPaper, receiptCopies: s.receiptCopies,
      ereceipt: { url: s.ereceiptUrl, configured: s.ereceiptUrl !== '' && s.ereceiptSealedKey !== '' },
    };
  };
  const status = () => {
    const counts = jobCounts(db);
    const configured = provider() !== null;
    return {
      configured, pending: counts.pending, rejected: counts.rejected, online: configured ? worker.online : null,
      message: configured ? (counts.lastError ?? worker.lastMessage) : feesMessage('PROVIDER_NOT_CONFIGURED', {}, ctx.language()),
    };
  };

  return {
    wake: () => worker.wake(),
    worker,
    handlers: {
      'fees.settings': view,
      'fees.configure': (input) => {
        const s = settings();
        const next: FeesSettings = {
          ...s,
          ...(input.collectorTaxCode !== undefined ? { collectorTaxCode: input.collectorTaxCode } : {}),
          ...(input.receiptPaper !== undefined ? { receiptPaper: input.receiptPaper } : {}),
          ...(input.receiptCopies !== undefined ? { receiptCopies: input.receiptCopies.map((c) => c.normalize('NFC')) } : {}),
          ...(input.ereceipt !== undefined
            ? {
                ereceiptUrl: input.ereceipt.url,
                ereceiptSealedKey: input.ereceipt.url === '' ? '' : input.ereceipt.apiKey !== undefined ? ctx.vault.seal(input.ereceipt.apiKey) : s.ereceiptSealedKey,
              }
            : {}),
        };
        cached = writeFeesSettings(db, next);
        ctx.events.emit('fees.changed', { code: null });
        worker.wake();
        return view();
      },
      'ereceipt.status': status,
      'ereceipt.retry': () => {
        retryJobs(db, ctx.now().getTime());
        worker.wake();
        ctx.events.emit('fees.changed', { code: null });
        return status();
      },
      'ereceipt.test': async () => {
        const p = provider();
        const lang = ctx.language();
        if (!p) return { ok: false, message: feesMessage('PROVIDER_NOT_CONFIGURED', {}, lang) };
        const ping = await p.ping();
        if (ping.kind === 'ok') {
          const taxCode = settings().collectorTaxCode;
          if (taxCode !== ping.value.taxCode) return { ok: false, message: feesMessage('PROVIDER_TAX_CODE_MISMATCH', { theirs: ping.value.taxCode, ours: taxCode || '—' }, lang) };
          return { ok: true, message: feesMessage('PROVIDER_OK', {}, lang) };
        }
        if (ping.kind === 'rejected') return { ok: false, message: `${ping.message} (${ping.code})` };
        return { ok: false, message: ping.reason === 'auth' ? feesMessage('PROVIDER_AUTH_FAILED', {}, lang) : feesMessage('PROVIDER_UNREACHABLE', { detail: ping.detail }, lang) };
      },
    },
  };
}
