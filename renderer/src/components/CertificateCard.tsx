import type { ChannelOutput } from '../../../main/contract/channels';
import { useSigningText, vnDate } from '../screens/SigningText';

type Certificate = ChannelOutput<'signing.status'>['tokens'][number]['certificates'][number];
type Verification = ChannelOutput<'signing.verify'>;

const WARNING_COLOUR: Record<string, string> = {
  expired: 'var(--err)', not_yet_valid: 'var(--err)', no_signing_usage: 'var(--err)', ca_certificate: 'var(--muted)', expiring_soon: 'var(--warn)',
};

/** A certificate as officers know it: holder, organisation, numbers, issuer, validity, warnings. */
export function CertificateCard({ certificate: c }: { certificate: Certificate }) {
  const s = useSigningText();
  return (
    <div className="certificate" data-testid="certificate" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: '8px 12px', background: '#fff' }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <strong style={{ fontSize: 16 }}>{c.holderName}</strong>
        {c.warnings.map((w) => (
          <span key={w} className="warning" style={{ color: WARNING_COLOUR[w], fontWeight: 600, fontSize: 13 }}>
            ⚠ {s(w)}{w === 'expiring_soon' ? ` (${s('daysLeft', { n: c.daysLeft })})` : ''}
          </span>
        ))}
        {!c.canSign && <span style={{ color: 'var(--err)', fontSize: 13 }}>· {s('cannotSign')}</span>}
      </div>
      <dl className="receipt-summary" style={{ margin: '6px 0 0', fontSize: 14 }}>
        {c.organisation && <><dt>{s('organisation')}</dt><dd>{c.organisation}</dd></>}
        {c.unit && <><dt>{s('unit')}</dt><dd>{c.unit}</dd></>}
        {c.identifiers.length > 0 && <><dt>{s('identifiers')}</dt><dd>{c.identifiers.map((i) => `${i.kind}: ${i.value}`).join(' · ')}</dd></>}
        <dt>{s('issuer')}</dt><dd>{c.issuerName}</dd>
        <dt>{s('validity')}</dt><dd>{vnDate(c.validFrom)} – {vnDate(c.validTo)}</dd>
        <dt>{s('keyAlgorithm')}</dt><dd className="muted">{c.keyAlgorithm} · {c.serial}</dd>
      </dl>
    </div>
  );
}

/** "Hợp lệ" / "Không hợp lệ: …" with each signature's signer and reason. */
export function CertificateVerdict({ report }: { report: Verification }) {
  const s = useSigningText();
  const colour = report.overall === 'valid' ? 'var(--ok)' : report.overall === 'unknown_signer' ? 'var(--warn)' : 'var(--err)';
  return (
    <div className="verification" role="status" data-testid="verification">
      <p style={{ margin: '4px 0', fontSize: 18, fontWeight: 700, color: colour }} data-testid="verdict">{s(report.overall)}</p>
      {report.signatures.map((sig) => (
        <div key={sig.fieldName} style={{ borderLeft: `3px solid ${colour}`, paddingLeft: 10, margin: '6px 0' }}>
          <div><strong>{sig.signerName ?? '—'}</strong>{sig.organisation ? ` · ${sig.organisation}` : ''}{sig.issuerName ? <span className="muted"> · {sig.issuerName}</span> : null}</div>
          <div>{sig.reason}</div>
          {sig.notes.length > 0 && <ul className="muted" style={{ margin: '2px 0', paddingLeft: 18, fontSize: 13 }}>{sig.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
        </div>
      ))}
    </div>
  );
}
