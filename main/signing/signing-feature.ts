import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { moduleList } from '../../hardware/tokens/known-modules';
import { startTokenService } from '../../hardware/tokens/token-service';
import type { ModuleStatus, TokenScan, TokenService } from '../../hardware/tokens/token';
import type { Handlers } from '../contract/dispatch';
import type { signingChannels, signingStatus, signedFile } from '../contract/signing-channels';
import { StationError, type Language } from '../core/errors';
import { sweepOrphanFiles, writeFileDurably } from '../storage/durable-file';
import { scanOfDocument } from '../scanning/scan-store';
import { slipData } from '../station';
import type { StationContext } from '../station-context';
import { writeTransaction } from '../storage/database';
import { queueDossierFile } from '../storage/outbox-store';
import { stmt } from '../storage/statements';
import { certificateViewOf } from './certificate';
import { verifyPdf } from './pdf-verify';
import { isoVietnam, signPdf, tokenFailure } from './signer';
import { readSigningSettings, writeSigningSettings, type SigningSettings } from './signing-settings';
import { parsePem, TRUST_FOLDER, trustAnchors } from './trust';

// The signing feature of the station: its channels, the token service it starts (at station
// start when the agency signs, otherwise on the first signing call) and the signed slips and
// scans it stores in the data folder and hands to the sync as dossier files.

type SigningChannel = keyof typeof signingChannels;
type Status = z.infer<typeof signingStatus>;
type SignedFileView = z.infer<typeof signedFile>;

/** dossier_files.kind of a signed appointment slip (the sync uploads it like any dossier file). */
export const SIGNED_SLIP_KIND = 'signed-slip';
/**
 * dossier_files.kind of a signed scan. It replaces the unsigned scan as the document's current
 * scan (scanned_documents); the unsigned file stays queued or uploaded as it was.
 */
export const SIGNED_SCAN_KIND = 'scan-signed';
/** Where signed files are kept, under the data folder. */
export const SIGNED_FOLDER = 'signed';

const FAILURES: Record<NonNullable<ModuleStatus['failure']>, Record<Language, string>> = {
  absent: { vi: 'Chưa cài trên máy này (không có tệp).', en: 'Not installed on this PC (no file).' },
  wrong_architecture: {
    vi: 'Tệp dành cho kiến trúc khác (thường là bản 32-bit): cần bản 64-bit của nhà cung cấp.',
    en: 'Built for another architecture (usually 32-bit): the 64-bit version is needed.',
  },
  not_pkcs11: { vi: 'Tệp không phải thư viện PKCS#11.', en: 'Not a PKCS#11 library.' },
  load_failed: { vi: 'Hệ điều hành không nạp được tệp (thiếu thư viện đi kèm hoặc tệp hỏng).', en: 'The system could not load it (missing dependency or damaged file).' },
  init_failed: { vi: 'Thư viện không khởi động được: kiểm tra phần mềm token của nhà cung cấp.', en: "The library failed to initialise: check the vendor's token software." },
  duplicate: { vi: 'Trùng tệp với một mô-đun khác trong danh sách (chỉ nạp một lần).', en: 'Same file as another module in the list (loaded once).' },
};

/** A file-name-safe form of a code. */
const safeName = (s: string) => s.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function signingHandlers(context: StationContext): Pick<Handlers, SigningChannel> {
  const { db } = context;
  let service: TokenService | undefined;

  const modulesFor = (s: SigningSettings) => moduleList(s.modulePaths).filter((m) => m.origin === 'added' || !s.disabledModules.includes(m.id));
  const tokens = (): TokenService => {
    if (!service) {
      const started = startTokenService({ modules: modulesFor(readSigningSettings(db)) });
      service = started;
      context.onClose(() => started.close());
    }
    return service;
  };
  // Probe the modules as the station starts when the agency signs, so tokens are there at once.
  if (readSigningSettings(db).enabled) tokens();

  // A crash between writing a signed PDF and committing its row leaves a file no row names:
  // remove such files (and temp files) from before this start, in the background.
  const startedAt = Date.now();
  void (async () => {
    const known = new Set((stmt(db, 'SELECT path FROM dossier_files WHERE kind IN (?, ?)').all(SIGNED_SLIP_KIND, SIGNED_SCAN_KIND) as Array<{ path: string }>).map((r) => r.path));
    await sweepOrphanFiles(join(context.dataDir, SIGNED_FOLDER), known, startedAt);
  })().catch(() => {});

  const status = (scan: TokenScan): Status => {
    const lang = context.language();
    const settings = readSigningSettings(db);
    const now = context.now();
    return {
      settings: { enabled: settings.enabled, modulePaths: settings.modulePaths, disabledModules: settings.disabledModules, preferredCertificate: settings.preferredCertificate },
      modules: scan.modules.map((m) => ({ ...m, ...(m.failure ? { explanation: FAILURES[m.failure][lang] } : {}) })),
      tokens: scan.tokens.map((t) => ({
        ref: t.ref, moduleId: t.moduleId, vendor: t.vendor, label: t.label, manufacturer: t.manufacturer, model: t.model, serial: t.serial, pin: t.pin,
        certificates: t.certificates
          .map((c) => { try { return { id: c.id, ...certificateViewOf(c.der, now) }; } catch { return undefined; } })
          .filter((c): c is NonNullable<typeof c> => c !== undefined && !c.warnings.includes('ca_certificate')),
      })),
      usb: (({ tokenDevices, ...rest }) => ({ ...rest, tokenDevices: [...tokenDevices] }))(tokens().usb()),
      trustedRoots: trustAnchors(settings.trustedRoots, context.dataDir).map((a) => ({ fingerprint: a.fingerprint, name: a.name, validTo: new Date(a.certificate.validTo).toISOString(), source: a.source })),
      trustFolder: join(context.dataDir, TRUST_FOLDER),
    };
  };

  const dossierId = (code: string): number => {
    context.requireDossier(code);
    return (stmt(db, 'SELECT id FROM dossiers WHERE code = ? OR provisional_code = ?').get(code, code) as { id: number }).id;
  };

  type FileRow = { id: number; dossier_code: string; kind: string; file_name: string; path: string; size: number; sha256: string; created_at: number; portal_attachment_id: string | null };
  const fileView = (r: FileRow): SignedFileView => ({
    id: r.id, dossierCode: r.dossier_code, kind: r.kind, fileName: r.file_name, sha256: r.sha256, bytes: r.size,
    signedAt: isoVietnam(new Date(r.created_at)), uploaded: r.portal_attachment_id !== null,
  });
  const fileSelect = `SELECT f.id, d.code AS dossier_code, f.kind, f.file_name, f.path, f.size, f.sha256, f.created_at, f.portal_attachment_id
    FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id`;
  const requireFile = (id: number): FileRow => {
    const row = stmt(db, `${fileSelect} WHERE f.id = ? AND f.kind IN (?, ?)`).get(id, SIGNED_SLIP_KIND, SIGNED_SCAN_KIND) as FileRow | undefined;
    if (!row) throw new StationError('SIGNED_FILE_NOT_FOUND', { id });
    return row;
  };
  const readPdf = (row: FileRow): Buffer => {
    try {
      return readFileSync(row.path);
    } catch {
      throw new StationError('SIGNED_FILE_NOT_FOUND', { id: row.id });
    }
  };

  /** A failure of the token layer itself (the worker, a module) as a message, not INTERNAL. */
  const tokenCall = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw tokenFailure(e, { token: '', issuer: '' });
    }
  };

  const verify = async (bytes: Uint8Array) => {
    try {
      return await verifyPdf(bytes, { anchors: trustAnchors(readSigningSettings(db).trustedRoots, context.dataDir), now: context.now(), language: context.language() });
    } catch (e) {
      throw new StationError('PDF_UNREADABLE', { detail: e instanceof Error ? e.message.slice(0, 120) : String(e) });
    }
  };

  return {
    'signing.config': () => {
      const { enabled, modulePaths, disabledModules, preferredCertificate } = readSigningSettings(db);
      return { enabled, modulePaths, disabledModules, preferredCertificate };
    },
    'signing.status': async () => status(await tokenCall(() => tokens().scan())),
    'signing.rescan': async () => status(await tokenCall(() => tokens().scan({ reload: true }))),
    'signing.settings': async (input) => {
      const current = readSigningSettings(db);
      let trustedRoots = current.trustedRoots;
      if (input.addTrustedRoot !== undefined) {
        let fingerprint: string;
        try {
          fingerprint = parsePem(input.addTrustedRoot).fingerprint256.replace(/:/g, '').toLowerCase();
        } catch {
          throw new StationError('TRUSTED_ROOT_INVALID', {}, 'addTrustedRoot');
        }
        if (!trustAnchors(trustedRoots, context.dataDir).some((a) => a.source === 'settings' && a.fingerprint === fingerprint)) trustedRoots = [...trustedRoots, input.addTrustedRoot.trim()];
      }
      if (input.removeTrustedRoot !== undefined) {
        trustedRoots = trustedRoots.filter((pem) => { try { return parsePem(pem).fingerprint256.replace(/:/g, '').toLowerCase() !== input.removeTrustedRoot; } catch { return false; } });
      }
      const next = writeSigningSettings(db, {
        ...current,
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.modulePaths !== undefined ? { modulePaths: [...new Set(input.modulePaths)] } : {}),
        ...(input.disabledModules !== undefined ? { disabledModules: [...new Set(input.disabledModules)] } : {}),
        trustedRoots,
      });
      const modulesChanged = input.modulePaths !== undefined || input.disabledModules !== undefined;
      return status(await tokenCall(() => (modulesChanged ? tokens().configure(modulesFor(next)) : tokens().scan())));
    },
    'signing.pinState': async ({ tokenRef }) => {
      try {
        return await tokens().pinState(tokenRef);
      } catch (e) {
        throw tokenFailure(e, { token: tokenRef, issuer: '' });
      }
    },
    'signing.signSlip': async (input) => {
      const settings = readSigningSettings(db);
      if (!settings.enabled) throw new StationError('SIGNING_DISABLED');
      const dossier = context.requireDossier(input.code);
      const { agency, station } = context.settings();
      const { renderReceiptSlip } = await import('../forms/receipt-slip');
      const slip = await renderReceiptSlip(slipData(dossier, agency, station), { paper: input.paper ?? station.slipPaper, copies: input.copies ?? station.slipCopies });
      const signed = await signPdf(slip, {
        tokens: tokens(), tokenRef: input.tokenRef, certificate: input.certificate, pin: input.pin, confirmFinalTry: input.confirmFinalTry,
        now: context.now(), reason: `Ký giấy tiếp nhận hồ sơ ${dossier.code}`, location: agency.placeName, stampUnder: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
      });
      const verification = await verify(signed.pdf);
      // Our own signature must check out before it is stored and sent anywhere.
      if (verification.overall === 'invalid') throw new Error(`signed slip failed verification: ${verification.summary}`);

      const at = signed.signedAt;
      const folder = join(context.dataDir, SIGNED_FOLDER, isoVietnam(at).slice(0, 7));
      mkdirSync(folder, { recursive: true });
      const safeCode = dossier.code.replace(/[^\w.-]+/g, '_');
      const fileName = `giay-tiep-nhan-${safeCode}-ky-so.pdf`;
      const path = join(folder, `giay-tiep-nhan-${safeCode}-${isoVietnam(at).slice(0, 19).replace(/\D/g, '')}-${randomUUID().slice(0, 8)}.pdf`);
      await writeFileDurably(path, signed.pdf);
      const sha256 = createHash('sha256').update(signed.pdf).digest('hex');
      let id: number;
      try {
        id = writeTransaction(db, () => queueDossierFile(db, {
          dossierId: dossierId(dossier.code), kind: SIGNED_SLIP_KIND, documentCode: null, fileName, mime: 'application/pdf',
          path, size: signed.pdf.length, sha256,
        }, randomUUID(), at.getTime()));
      } catch (e) {
        rmSync(path, { force: true }); // no file the database does not know about
        throw e;
      }
      context.outboxChanged();
      writeSigningSettings(db, { ...readSigningSettings(db), preferredCertificate: input.certificate });
      return { file: fileView(requireFile(id)), base64: Buffer.from(signed.pdf).toString('base64'), verification };
    },
    'signing.signScan': async (input) => {
      const settings = readSigningSettings(db);
      if (!settings.enabled) throw new StationError('SIGNING_DISABLED');
      const dossier = context.requireDossier(input.code);
      const document = dossier.documents.find((d) => d.code === input.documentCode);
      if (!document) throw new StationError('SCAN_DOCUMENT_UNKNOWN', { document: input.documentCode, code: dossier.code });
      const id = dossierId(dossier.code);
      const scan = scanOfDocument(db, id, document.code);
      if (!scan) throw new StationError('SCAN_SIGN_NOT_SCANNED', { document: document.name });
      // What is signed must be the scan as stored: a file changed on disk is not signed.
      const original = await readFile(scan.path).catch(() => undefined);
      if (!original || sha256Of(original) !== scan.sha256) throw new StationError('SCAN_SIGN_FILE_CHANGED', { document: document.name });

      const { agency } = context.settings();
      // No anchor text on a scan: the stamp goes in the bottom right corner of the last page (left
      // of an earlier stamp when countersigning).
      const signed = await signPdf(original, {
        tokens: tokens(), tokenRef: input.tokenRef, certificate: input.certificate, pin: input.pin, confirmFinalTry: input.confirmFinalTry,
        now: context.now(), reason: `Ký bản quét "${document.name}" của hồ sơ ${dossier.code}`, location: agency.placeName,
      });
      const verification = await verify(signed.pdf);
      // Our own signature must check out before it is stored and sent anywhere.
      if (verification.overall === 'invalid') throw new Error(`signed scan failed verification: ${verification.summary}`);

      const at = signed.signedAt;
      const folder = join(context.dataDir, SIGNED_FOLDER, isoVietnam(at).slice(0, 7));
      const base = `${safeName(dossier.code)}_${safeName(document.code)}`;
      const path = join(folder, `ban-quet-${base}-${isoVietnam(at).slice(0, 19).replace(/\D/g, '')}-${randomUUID().slice(0, 8)}.pdf`);
      try {
        await mkdir(folder, { recursive: true });
        await writeFileDurably(path, signed.pdf);
      } catch (e) {
        await rm(path, { force: true });
        throw new StationError('SCAN_STORE_FAILED', { detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      }
      let fileId: number;
      try {
        fileId = writeTransaction(db, () => {
          // The scan may have been replaced (a rescan, another signature) while the token signed.
          const current = stmt(db, 'SELECT dossier_file_id AS f FROM scanned_documents WHERE dossier_id = ? AND document_code = ?').get(id, document.code) as { f: number } | undefined;
          if (current?.f !== scan.fileId) throw new StationError('SCAN_SIGN_SUPERSEDED', { document: document.name });
          const newId = queueDossierFile(db, {
            dossierId: id, kind: SIGNED_SCAN_KIND, documentCode: document.code, fileName: `${base}-ky-so.pdf`, mime: 'application/pdf',
            path, size: signed.pdf.length, sha256: sha256Of(signed.pdf),
          }, randomUUID(), at.getTime());
          stmt(db, 'UPDATE scanned_documents SET dossier_file_id = ? WHERE dossier_id = ? AND document_code = ?').run(newId, id, document.code);
          return newId;
        });
      } catch (e) {
        await rm(path, { force: true }); // no file the database does not know about
        throw e;
      }
      context.outboxChanged();
      writeSigningSettings(db, { ...readSigningSettings(db), preferredCertificate: input.certificate });
      return { documentCode: document.code, file: fileView(requireFile(fileId)), verification };
    },
    'signing.signedScans': ({ code }) => {
      const id = dossierId(code);
      const rows = stmt(db, `SELECT s.document_code, f.id, d.code AS dossier_code, f.kind, f.file_name, f.path, f.size, f.sha256, f.created_at, f.portal_attachment_id
        FROM scanned_documents s JOIN dossier_files f ON f.id = s.dossier_file_id JOIN dossiers d ON d.id = f.dossier_id
        WHERE s.dossier_id = ? AND f.kind = ? ORDER BY s.document_code`).all(id, SIGNED_SCAN_KIND) as Array<FileRow & { document_code: string }>;
      return rows.map((r) => ({ documentCode: r.document_code, file: fileView(r) }));
    },
    'signing.files': ({ code }) => {
      const id = dossierId(code);
      return (stmt(db, `${fileSelect} WHERE f.dossier_id = ? AND f.kind = ? ORDER BY f.id`).all(id, SIGNED_SLIP_KIND) as FileRow[]).map(fileView);
    },
    'signing.filePdf': ({ id }) => {
      const row = requireFile(id);
      return { fileName: row.file_name, base64: readPdf(row).toString('base64') };
    },
    'signing.verify': async (input) => {
      if ('id' in input) return verify(readPdf(requireFile(input.id)));
      return verify(Buffer.from(input.base64, 'base64'));
    },
  };
}
