// 6. Signing a slip with a SoftHSM token.
//
// The whole signing step (signPdf: load the slip, find the officer's signature place, render
// the stamp, write the incremental update, log in, C_Sign on the token through the worker,
// log out, build the CMS, embed it) on an appointment slip rendered once, against a bare
// C_Sign of the same signed attributes: pkcs11js called directly in this thread on a logged-in
// session (CKM_SHA256_RSA_PKCS), on a copy of the SoftHSM library so it does not share the
// worker's instance. Interleaved, so both see the same machine. Also timed: the same C_Sign
// through the worker (the cost of keeping PKCS#11 off the main thread), and the full
// `signing.signSlip` channel (slip rendering, verification, durable write, dossier file +
// outbox row).

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkcs11Module from 'pkcs11js';
import { startTokenService } from '../../hardware/tokens/token-service';
import { noUsbEvents } from '../../hardware/tokens/usb-watch';
import { renderReceiptSlip } from '../../main/forms/receipt-slip';
import { fingerprintOf, parseCertificate } from '../../main/signing/certificate';
import { signedAttributes } from '../../main/signing/cms';
import { signPdf } from '../../main/signing/signer';
import { openStation } from '../../main/station';
import { sampleSlip } from '../forms/fixtures';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { OFFICER_PIN, SOFTHSM_MODULE, softHsmRig } from '../hardware/tokens/softhsm-rig';
import { median, ms, now, progress, summarize, type Summary } from './stats';
import { TEST_OFFICER } from '../helpers/station';

type Pkcs11 = typeof import('pkcs11js');
const pk: Pkcs11 = (pkcs11Module as unknown as { default?: Pkcs11 }).default ?? (pkcs11Module as Pkcs11);

export type SigningFigures = {
  token: string;
  warmup: number;
  signStep: Summary;
  bareCSign: Summary;
  workerCSign: Summary;
  channel: Summary;
  ratio: number;
  workerRatio: number;
  signedBytes: number;
  target: string;
  met: boolean;
};

const CLOCK = new Date('2026-11-23T02:32:00Z');

export async function benchSigning(options: { warmup: number; timed: number; channelTimed: number }): Promise<SigningFigures> {
  const rig = softHsmRig({ now: CLOCK });
  try {
    rig.createToken('Token Bench');
    const identity = rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/CN=Nguyễn Văn An/UID=CCCD:001090012345' });
    rig.load('Token Bench', identity);
    const tokens = startTokenService({ modules: [{ id: 'softhsm', vendor: 'SoftHSM2', path: SOFTHSM_MODULE, origin: 'known' }], usbEvents: noUsbEvents, pollMs: 3_600_000 });
    const token = (await tokens.scan()).tokens.find((t) => t.label === 'Token Bench')!;
    const slip = new Uint8Array(await renderReceiptSlip(sampleSlip(), { paper: 'A4', copies: 2 }));
    const certificate = fingerprintOf(identity.certDer);
    const request = {
      tokens, tokenRef: token.ref, certificate, pin: OFFICER_PIN, confirmFinalTry: false, now: CLOCK,
      reason: 'Ký giấy tiếp nhận hồ sơ', location: 'Tiên Du', stampUnder: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
    };
    // The exact bytes the token signs in a signing step: the DER of the signed attributes.
    const toSign = Buffer.from(signedAttributes(new Uint8Array(32).fill(7), identity.certDer, parseCertificate(identity.certDer)).der);

    // Bare: pkcs11js in this thread on its own copy of SoftHSM, already logged in.
    const copy = join(rig.dir, 'softhsm-bare.so');
    copyFileSync(SOFTHSM_MODULE, copy);
    const bare = new pk.PKCS11();
    bare.load(copy);
    bare.C_Initialize();
    const slot = bare.C_GetSlotList(true).find((s) => bare.C_GetTokenInfo(s).label.trim() === 'Token Bench')!;
    const session = bare.C_OpenSession(slot, pk.CKF_SERIAL_SESSION);
    bare.C_Login(session, pk.CKU_USER, OFFICER_PIN);
    bare.C_FindObjectsInit(session, [{ type: pk.CKA_CLASS, value: pk.CKO_PRIVATE_KEY }, { type: pk.CKA_ID, value: Buffer.from(identity.id, 'hex') }]);
    const [key] = bare.C_FindObjects(session, 1);
    bare.C_FindObjectsFinal(session);
    const bareSign = () => {
      bare.C_SignInit(session, { mechanism: pk.CKM_SHA256_RSA_PKCS }, key!);
      return bare.C_Sign(session, toSign, Buffer.alloc(512));
    };

    const step: number[] = [];
    const bareTimes: number[] = [];
    const workerTimes: number[] = [];
    let signedBytes = 0;
    progress(`6. signing: ${options.warmup} warm-up + ${options.timed} timed signatures…`);
    for (let i = 0; i < options.warmup + options.timed; i++) {
      const keep = i >= options.warmup;
      let t = now();
      bareSign();
      if (keep) bareTimes.push(now() - t);
      const workerSession = await tokens.login(token.ref, OFFICER_PIN);
      t = now();
      await workerSession.sign(identity.id, 'rsa-sha256', toSign);
      if (keep) workerTimes.push(now() - t);
      await workerSession.close(); // the signing step logs in and out by itself
      t = now();
      const signed = await signPdf(slip, request);
      if (keep) step.push(now() - t);
      signedBytes = signed.pdf.length;
    }
    bare.C_Logout(session);
    bare.C_CloseSession(session);
    bare.C_Finalize();
    await tokens.close();

    // The channel as the renderer calls it, on a station with its own token service.
    const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir: join(rig.dir, 'station'), host: 'web', version: 'bench', now: () => CLOCK, sync: { autoStart: false } });
    const dispatch = station.dispatch;
    const status = (await dispatch('signing.settings', { enabled: true })) as { ok: true; value: { tokens: Array<{ ref: string; label: string }> } };
    const ref = status.value.tokens.find((t) => t.label === 'Token Bench')!.ref;
    const procedure = await station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION });
    const channel: number[] = [];
    for (let i = 0; i < 3 + options.channelTimed; i++) {
      const saved = (await dispatch('dossier.save', draftFor(procedure))) as { ok: true; value: { code: string } };
      const t = now();
      const answer = await dispatch('signing.signSlip', { code: saved.value.code, tokenRef: ref, certificate, pin: OFFICER_PIN });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      if (i >= 3) channel.push(now() - t);
    }
    await station.close();

    const stepMedian = median(step);
    return {
      token: 'SoftHSM 2.6, RSA 2048, CKM_SHA256_RSA_PKCS',
      warmup: options.warmup,
      signStep: summarize(step),
      bareCSign: summarize(bareTimes),
      workerCSign: summarize(workerTimes),
      channel: summarize(channel),
      ratio: ms(stepMedian / median(bareTimes)),
      workerRatio: ms(median(workerTimes) / median(bareTimes)),
      signedBytes,
      target: 'signing step median <= 50 ms',
      met: stepMedian <= 50,
    };
  } finally {
    rig.remove();
  }
}
