import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { moduleList } from '../../hardware/tokens/known-modules';
import { startTokenService } from '../../hardware/tokens/token-service';
import type { TokenScan, TokenService } from '../../hardware/tokens/token';
import type { Handlers } from '../contract/dispatch';
import type { signingChannels, signingStatus, signedFile } from '../contract/signing-channels';
import { createAttemptCounter } from '../core/attempt-throttle';
import { StationError } from '../core/errors';
import { safeFileName } from '../core/text-safety';
import type { StationContext } from '../feature';
import { slipDataOf, slipFileName } from '../forms/receipt-slip-data';
import { auditAction } from '../storage/audit-log';
import { writeTransaction } from '../storage/database';
import { filesOfDossier, getDossierFile, knownFilePaths, queueDossierFile, type DossierFile } from '../storage/dossier-files-store';
import { dossierCodeOf, requireDossier, requireDossierId } from '../storage/dossier-store';
import { sweepOrphanFiles } from '../storage/durable-file';
import { writePrivateFileDurably } from '../storage/private-files';
import { outboxCounts } from '../storage/outbox-store';
import { replaceScanFile, scanOfDocument, scansOfDossier } from '../storage/scanned-documents-store';
import { certificateViewOf } from './certificate';
import { probeModule } from './module-path';
import { verifyPdf } from './pdf-verify';
import { isoVietnam, signPdf, tokenFailure } from './signer';
import { readSigningSettings, writeSigningSettings, type SigningSettings } from './signing-settings';
import { parsePem, TRUST_FOLDER, trustAnchors } from './trust';
import { moduleFailures, signingText } from './messages';
import { fillTemplate } from '../core/errors';

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

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function signingHandlers(context: StationContext): Pick<Handlers, SigningChannel> {
  const { db } = context;
  let service: TokenService | undefined;
  // Wrong PINs per token, on the station's clock: three free, then 30 s, 1 min, 2 min… Kept in
  // memory: a restart clears it (left so: restarting needs the PC's account and a login).
  const pinAttempts = createAttemptCounter({ now: () => context.now().getTime(), freeFailures: 3 });

  // A library the technician added reaches the token worker only once it has been tried in a
  // child process during this run (module-path.ts): the file may have been swapped since it was
  // added. Until then, or if it fails, it is listed as unavailable with the reason.
  const triedModules = new Set<string>();
  const refusedModules = new Map<string, StationError>();
  const modulesFor = (s: SigningSettings) => moduleList(s.modulePaths).filter((m) => (m.origin === 'added' ? triedModules.has(m.path) : !s.disabledModules.includes(m.id)));
  const tryModule = async (path: string): Promise<void> => {
    try {
      await probeModule(path);
      triedModules.add(path);
      refusedModules.delete(path);
    } catch (e) {
      triedModules.delete(path);
      refusedModules.set(path, e instanceof StationError ? e : new StationError('MODULE_PROBE_FAILED', { path, detail: String(e) }));
      throw e;
    }
  };
  const startupTrials = (async () => {
    const paths = readSigningSettings(db).modulePaths;
    for (const path of paths) await tryModule(path).catch(() => {});
    if (service && paths.some((p) => triedModules.has(p))) await service.configure(modulesFor(readSigningSettings(db))).catch(() => {});
  })();
  const tokens = (): TokenService => {
    if (!service) {
      const started = startTokenService({ modules: modulesFor(readSigningSettings(db)) });
      service = started;
      // A token plugged in or out, modules reloaded: the signing screens and dialogs refresh.
      const unsubscribe = started.onEvent((e) => { if (e.kind === 'changed') context.events.emit('tokens.changed', {}); });
      context.onClose(() => { unsubscribe(); return started.close(); });
    }
    return service;
  };
  // Probe the modules as the station starts when the agency signs, so tokens are there at once.
  if (readSigningSettings(db).enabled) tokens();

  // A crash between writing a signed PDF and committing its row leaves a file no row names:
  // remove such files (and temp files) from before this start, in the background.
  const startedAt = Date.now();
  void (async () => {
    const known = knownFilePaths(db, [SIGNED_SLIP_KIND, SIGNED_SCAN_KIND]);
    await sweepOrphanFiles(join(context.dataDir, SIGNED_FOLDER), known, startedAt);
  })().catch(() => {});

  const status = (scan: TokenScan): Status => {
    const lang = context.language();
    const settings = readSigningSettings(db);
    const now = context.now();
    return {
      settings: { enabled: settings.enabled, modulePaths: settings.modulePaths, disabledModules: settings.disabledModules, preferredCertificate: settings.preferredCertificate },
      modules: [
        ...scan.modules.map((m) => ({ ...m, ...(m.failure ? { explanation: moduleFailures[m.failure][lang] } : {}) })),
        // Added libraries kept out of the worker: why, in the technician's words.
        ...moduleList(settings.modulePaths).filter((m) => m.origin === 'added' && !scan.modules.some((x) => x.id === m.id)).map((m) => {
          const refusal = refusedModules.get(m.path);
          const failure = refusal?.code === 'MODULE_PATH_ABSENT' ? 'absent' as const : refusal?.code === 'MODULE_PATH_WRONG_ARCHITECTURE' ? 'wrong_architecture' as const : 'load_failed' as const;
          return {
            ...m, state: 'unavailable' as const, failure,
            explanation: refusal ? context.messages.error(refusal.code, refusal.params, lang) : moduleFailures.load_failed[lang],
            ...(refusal ? { detail: refusal.code } : {}),
          };
        }),
      ],
      tokens: scan.tokens.map((t) => ({
        ref: t.ref, moduleId: t.moduleId, vendor: t.vendor, label: t.label, manufacturer: t.manufacturer, model: t.model, serial: t.serial, pin: t.pin,
        certificates: t.certificates
          .map((c) => { try { return { id: c.id, ...certificateViewOf(c.der, now) }; } catch { return undefined; } })
          .filter((c): c is NonNullable<typeof c> => c !== undefined && !c.warnings.includes('ca_certificate')),
      })),
      usb: (({ tokenDevices, ...rest }) => ({
        ...rest, tokenDevices: [...tokenDevices], ...(rest.events ? {} : { explanation: signingText.USB_NOT_WATCHED[lang] }),
      }))(tokens().usb()),
      trustedRoots: trustAnchors(settings.trustedRoots, context.dataDir).map((a) => ({ fingerprint: a.fingerprint, name: a.name, validTo: new Date(a.certificate.validTo).toISOString(), source: a.source })),
      trustFolder: join(context.dataDir, TRUST_FOLDER),
    };
  };

  const fileView = (f: DossierFile): SignedFileView => ({
    id: f.id, dossierCode: dossierCodeOf(db, f.dossierId), kind: f.kind, fileName: f.fileName, sha256: f.sha256, bytes: f.size,
    signedAt: isoVietnam(new Date(f.createdAt)), uploaded: f.portalAttachmentId !== null,
  });
  const requireFile = (id: number): DossierFile => {
    const file = getDossierFile(db, id);
    if (!file || (file.kind !== SIGNED_SLIP_KIND && file.kind !== SIGNED_SCAN_KIND)) throw new StationError('SIGNED_FILE_NOT_FOUND', { id });
    return file;
  };
  /** A file was queued for the portal: the sync sends it soon, the screens show it. */
  const queued = (code: string) => {
    context.events.emit('dossier.changed', { code });
    context.events.emit('outbox.changed', outboxCounts(db));
  };
  const readPdf = (row: DossierFile): Buffer => {
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
    'signing.status': async () => { await startupTrials; return status(await tokenCall(() => tokens().scan())); },
    'signing.rescan': async () => {
      await startupTrials;
      // A rescan tries the added libraries again (one fixed meanwhile comes back).
      const paths = readSigningSettings(db).modulePaths;
      for (const path of paths) await tryModule(path).catch(() => {});
      return status(await tokenCall(() => tokens().configure(modulesFor(readSigningSettings(db))).then(() => tokens().scan({ reload: true }))));
    },
    'signing.settings': async (input, call) => {
      const current = readSigningSettings(db);
      let trustedRoots = current.trustedRoots;
      const trustAdded: Array<{ fingerprint: string; name: string }> = [];
      if (input.addTrustedRoot !== undefined) {
        let root: ReturnType<typeof parsePem>;
        try {
          root = parsePem(input.addTrustedRoot);
        } catch {
          throw new StationError('TRUSTED_ROOT_INVALID', {}, 'addTrustedRoot');
        }
        const fingerprint = root.fingerprint256.replace(/:/g, '').toLowerCase();
        if (!trustAnchors(trustedRoots, context.dataDir).some((a) => a.source === 'settings' && a.fingerprint === fingerprint)) {
          trustedRoots = [...trustedRoots, input.addTrustedRoot.trim()];
          trustAdded.push({ fingerprint, name: root.subject.replace(/\n/g, ', ') });
        }
      }
      const trustRemoved = input.removeTrustedRoot === undefined ? []
        : trustAnchors(trustedRoots, context.dataDir).filter((a) => a.source === 'settings' && a.fingerprint === input.removeTrustedRoot).map((a) => ({ fingerprint: a.fingerprint, name: a.name }));
      if (input.removeTrustedRoot !== undefined) {
        trustedRoots = trustedRoots.filter((pem) => { try { return parsePem(pem).fingerprint256.replace(/:/g, '').toLowerCase() !== input.removeTrustedRoot; } catch { return false; } });
      }
      // A library the technician adds: checked and tried in a child process before it is kept
      // (module-path.ts); a refusal changes nothing.
      const modulePaths = input.modulePaths !== undefined ? [...new Set(input.modulePaths)] : current.modulePaths;
      await startupTrials;
      // (Only the new ones: a library already kept and failing now stays listed with its reason,
      // and does not stop the technician from changing anything else.)
      for (const path of modulePaths) if (!current.modulePaths.includes(path)) await tryModule(path);
      const next: SigningSettings = {
        ...current,
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        modulePaths,
        ...(input.disabledModules !== undefined ? { disabledModules: [...new Set(input.disabledModules)] } : {}),
        trustedRoots,
      };
      // Who changed which libraries and roots, before and after, with the change itself.
      writeTransaction(db, () => {
        writeSigningSettings(db, next);
        const at = context.now();
        const officer = call?.officer;
        const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
        if (!same(current.modulePaths, next.modulePaths) || !same(current.disabledModules, next.disabledModules)) {
          auditAction(db, officer, at, 'signing.modules_change', {
            before: { modulePaths: [...current.modulePaths], disabledModules: [...current.disabledModules] },
            after: { modulePaths: [...next.modulePaths], disabledModules: [...next.disabledModules] },
          });
        }
        for (const root of trustAdded) auditAction(db, officer, at, 'signing.trust_add', { before: null, after: root });
        for (const root of trustRemoved) auditAction(db, officer, at, 'signing.trust_remove', { before: root, after: null });
        if (current.enabled !== next.enabled) auditAction(db, officer, at, 'signing.enable', { before: { enabled: current.enabled }, after: { enabled: next.enabled } });
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
      const dossier = requireDossier(db, input.code);
      const { agency, station } = context.settings();
      const { renderReceiptSlip } = await import('../forms/receipt-slip');
      const slip = await renderReceiptSlip(slipDataOf(dossier, agency, station), { paper: input.paper ?? station.slipPaper, copies: input.copies ?? station.slipCopies });
      const signed = await signPdf(slip, {
        tokens: tokens(), tokenRef: input.tokenRef, certificate: input.certificate, pin: input.pin, confirmFinalTry: input.confirmFinalTry, pinAttempts,
        now: context.now(), reason: fillTemplate(signingText.SLIP_REASON[context.language()], { code: dossier.code }), location: agency.placeName,
        stampUnder: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
      });
      const verification = await verify(signed.pdf);
      // Our own signature must check out before it is stored and sent anywhere.
      if (verification.overall === 'invalid') throw new Error(`signed slip failed verification: ${verification.summary}`);

      const at = signed.signedAt;
      const folder = join(context.dataDir, SIGNED_FOLDER, isoVietnam(at).slice(0, 7));
      const safeCode = safeFileName(dossier.code);
      const fileName = slipFileName(dossier.code, true);
      const path = join(folder, `giay-tiep-nhan-${safeCode}-${isoVietnam(at).slice(0, 19).replace(/\D/g, '')}-${randomUUID().slice(0, 8)}.pdf`);
      await writePrivateFileDurably(path, signed.pdf); // 0600 in a 0700 folder: the slip names the citizen
      const sha256 = createHash('sha256').update(signed.pdf).digest('hex');
      let id: number;
      try {
        id = writeTransaction(db, () => queueDossierFile(db, {
          dossierId: requireDossierId(db, dossier.code), kind: SIGNED_SLIP_KIND, documentCode: null, fileName, mime: 'application/pdf',
          path, size: signed.pdf.length, sha256,
        }, randomUUID(), at.getTime()));
      } catch (e) {
        rmSync(path, { force: true }); // no file the database does not know about
        throw e;
      }
      queued(dossier.code);
      writeSigningSettings(db, { ...readSigningSettings(db), preferredCertificate: input.certificate });
      return { file: fileView(requireFile(id)), base64: Buffer.from(signed.pdf).toString('base64'), verification };
    },
    'signing.signScan': async (input) => {
      const settings = readSigningSettings(db);
      if (!settings.enabled) throw new StationError('SIGNING_DISABLED');
      const dossier = requireDossier(db, input.code);
      const document = dossier.documents.find((d) => d.code === input.documentCode);
      if (!document) throw new StationError('SCAN_DOCUMENT_UNKNOWN', { document: input.documentCode, code: dossier.code });
      const id = requireDossierId(db, dossier.code);
      const scan = scanOfDocument(db, id, document.code);
      if (!scan) throw new StationError('SCAN_SIGN_NOT_SCANNED', { document: document.name });
      // What is signed must be the scan as stored: a file changed on disk is not signed.
      const original = await readFile(scan.path).catch(() => undefined);
      if (!original || sha256Of(original) !== scan.sha256) throw new StationError('SCAN_SIGN_FILE_CHANGED', { document: document.name });

      const { agency } = context.settings();
      // No anchor text on a scan: the stamp goes in the bottom right corner of the last page (left
      // of an earlier stamp when countersigning).
      const signed = await signPdf(original, {
        tokens: tokens(), tokenRef: input.tokenRef, certificate: input.certificate, pin: input.pin, confirmFinalTry: input.confirmFinalTry, pinAttempts,
        now: context.now(), reason: fillTemplate(signingText.SCAN_REASON[context.language()], { document: document.name, code: dossier.code }), location: agency.placeName,
      });
      const verification = await verify(signed.pdf);
      // Our own signature must check out before it is stored and sent anywhere.
      if (verification.overall === 'invalid') throw new Error(`signed scan failed verification: ${verification.summary}`);

      const at = signed.signedAt;
      const folder = join(context.dataDir, SIGNED_FOLDER, isoVietnam(at).slice(0, 7));
      const base = `${safeFileName(dossier.code)}_${safeFileName(document.code)}`;
      const path = join(folder, `ban-quet-${base}-${isoVietnam(at).slice(0, 19).replace(/\D/g, '')}-${randomUUID().slice(0, 8)}.pdf`);
      try {
        await writePrivateFileDurably(path, signed.pdf); // 0600 in a 0700 folder
      } catch (e) {
        await rm(path, { force: true });
        throw new StationError('SCAN_STORE_FAILED', { detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      }
      let fileId: number;
      try {
        fileId = writeTransaction(db, () => {
          const newId = queueDossierFile(db, {
            dossierId: id, kind: SIGNED_SCAN_KIND, documentCode: document.code, fileName: `${base}-ky-so.pdf`, mime: 'application/pdf',
            path, size: signed.pdf.length, sha256: sha256Of(signed.pdf),
          }, randomUUID(), at.getTime());
          // The scan may have been replaced (a rescan, another signature) while the token signed.
          if (!replaceScanFile(db, id, document.code, scan.fileId, newId)) throw new StationError('SCAN_SIGN_SUPERSEDED', { document: document.name });
          return newId;
        });
      } catch (e) {
        await rm(path, { force: true }); // no file the database does not know about
        throw e;
      }
      queued(dossier.code);
      writeSigningSettings(db, { ...readSigningSettings(db), preferredCertificate: input.certificate });
      return { documentCode: document.code, file: fileView(requireFile(fileId)), verification };
    },
    'signing.signedScans': ({ code }) => {
      const id = requireDossierId(db, code);
      return scansOfDossier(db, id)
        .map((scan) => ({ scan, file: getDossierFile(db, scan.fileId)! }))
        .filter(({ file }) => file.kind === SIGNED_SCAN_KIND)
        .map(({ scan, file }) => ({ documentCode: scan.documentCode, file: fileView(file) }));
    },
    'signing.files': ({ code }) => filesOfDossier(db, requireDossierId(db, code), SIGNED_SLIP_KIND).map(fileView),
    'signing.filePdf': ({ id }) => {
      const row = requireFile(id);
      return { fileName: row.fileName, base64: readPdf(row).toString('base64') };
    },
    'signing.verify': async (input) => {
      if ('id' in input) return verify(readPdf(requireFile(input.id)));
      return verify(Buffer.from(input.base64, 'base64'));
    },
  };
}
