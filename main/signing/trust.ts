import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The roots the station trusts when it verifies a signature: the CA certificates the
// technician pasted in the signing settings and the files in the data folder's `trust/`
// (.pem, .crt, .cer; PEM or DER). Nothing is trusted by default: the station cannot ship the
// national root itself, so an unconfigured station reports "unknown signer", never "valid".

export type TrustAnchor = Readonly<{ certificate: X509Certificate; fingerprint: string; source: 'settings' | 'folder'; name: string }>;

export const TRUST_FOLDER = 'trust';

export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function anchor(certificate: X509Certificate, source: TrustAnchor['source']): TrustAnchor {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1];
  return { certificate, fingerprint: certificate.fingerprint256.replace(/:/g, '').toLowerCase(), source, name: cn ?? certificate.subject.replace(/\n/g, ', ') };
}

/** Parses one PEM certificate; throws on anything else. */
export function parsePem(pem: string): X509Certificate {
  return new X509Certificate(pem);
}

export function trustAnchors(settingsPems: readonly string[], dataDir: string): TrustAnchor[] {
  const out: TrustAnchor[] = [];
  for (const pem of settingsPems) {
    try {
      out.push(anchor(new X509Certificate(pem), 'settings'));
    } catch {
      // refused when added; a value edited by hand that no longer parses is skipped
    }
  }
  const folder = join(dataDir, TRUST_FOLDER);
  if (existsSync(folder)) {
    for (const file of readdirSync(folder)) {
      if (!/\.(pem|crt|cer|der)$/i.test(file)) continue;
      try {
        const data = readFileSync(join(folder, file));
        const text = data.toString('latin1');
        const blocks = pemBlocks(text);
        for (const cert of blocks.length > 0 ? blocks.map((b) => new X509Certificate(b)) : [new X509Certificate(data)]) out.push(anchor(cert, 'folder'));
      } catch {
        // not a certificate: ignored
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((a) => (seen.has(a.fingerprint) ? false : (seen.add(a.fingerprint), true)));
}

export type ChainResult =
  | Readonly<{ trusted: true; chain: readonly X509Certificate[]; anchor: TrustAnchor }>
  | Readonly<{ trusted: false; chain: readonly X509Certificate[]; problem: 'no_anchor' | 'bad_link' | 'expired_link' }>;

/**
 * Builds the path signer → … → a trusted root from the certificates at hand (those in the
 * signature and the anchors), checking every link's signature and that each CA certificate
 * was valid at `at`.
 */
export function buildChain(signer: X509Certificate, pool: readonly X509Certificate[], anchors: readonly TrustAnchor[], at: Date): ChainResult {
  const chain: X509Certificate[] = [signer];
  const candidates = [...pool, ...anchors.map((a) => a.certificate)];
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    const trustedHere = anchors.find((a) => a.certificate.raw.equals(current.raw));
    if (trustedHere) return { trusted: true, chain, anchor: trustedHere };
    const issuer = candidates.find((c) => !c.raw.equals(current.raw) && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer) {
      const selfSigned = current.checkIssued(current);
      return { trusted: false, chain, problem: selfSigned || !candidates.some((c) => current.checkIssued(c)) ? 'no_anchor' : 'bad_link' };
    }
    if (new Date(issuer.validFrom) > at || new Date(issuer.validTo) < at) return { trusted: false, chain: [...chain, issuer], problem: 'expired_link' };
    chain.push(issuer);
    current = issuer;
  }
  return { trusted: false, chain, problem: 'no_anchor' };
}
