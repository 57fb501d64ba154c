import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDate } from '../../../../main/core/format';
import { toVietnamLocal } from '../../../../main/core/time';
import { useMessages } from '../i18n/i18n';
import { signingWords } from './messages';

type Certificate = ChannelOutput<'signing.status'>['tokens'][number]['certificates'][number];
export type Verification = ChannelOutput<'signing.verify'>;

const WARNING_COLOUR: Record<string, string> = {
  expired: 'var(--err)', not_yet_valid: 'var(--err)', no_signing_usage: 'var(--err)', ca_certificate: 'var(--muted)', expiring_soon: 'var(--warn)',
};

/** An ISO instant ("2026-11-23T02:32:05Z") as its date in Vietnam. */
export const instantDate = (iso: string): string => formatDate(toVietnamLocal(new Date(iso)).slice(0, 10));

/** A certificate as officers know it: holder, organisation, numbers, issuer, validity, warnings. */
export function CertificateCard({ certificate: c }: { certificate: Certificate }) {
  const s = useMessages(signingWords);
  return (
    <div className="certificate" data-testid="certificate">
      <div className="certificate-head">
        <strong>{c.holderName}</strong>
        {c.warnings.map((w) => (
          <span key={w} className="warning" style={{ color: WARNING_COLOUR[w] }}>
            ⚠ {s(w)}{w === 'expiring_soon' ? ` (${s('daysLeft', { n: c.daysLeft })})` : ''}
          </span>
        ))}
        {!c.canSign && <span className="cannot-sign">· {s('cannotSign')}</span>}
      </div>
      <dl className="receipt-summary compact">
        {c.organisation && <><dt>{s('organisation')}</dt><dd>{c.organisation}</dd></>}
        {c.unit && <><dt>{s('unit')}</dt><dd>{c.unit}</dd></>}
        {c.identifiers.length > 0 && <><dt>{s('identifiers')}</dt><dd>{c.identifiers.map((i) => `${i.kind}: ${i.value}`).join(' · ')}</dd></>}
        <dt>{s('issuer')}</dt><dd>{c.issuerName}</dd>
        <dt>{s('validity')}</dt><dd>{instantDate(c.validFrom)} – {instantDate(c.validTo)}</dd>
        <dt>{s('keyAlgorithm')}</dt><dd className="muted">{c.keyAlgorithm} · {c.serial}</dd>
      </dl>
    </div>
  );
}

const verdictColour = (overall: Verification['overall']) => (overall === 'valid' ? 'var(--ok)' : overall === 'unknown_signer' ? 'var(--warn)' : 'var(--err)');

/** "Hợp lệ" / "Không hợp lệ: …" with each signature's signer and reason. */
export function CertificateVerdict({ report }: { report: Verification }) {
  const s = useMessages(signingWords);
  const colour = verdictColour(report.overall);
  return (
    <div className="verification" role="status" data-testid="verification">
      <p className="verdict" style={{ color: colour }} data-testid="verdict">{s(report.overall)}</p>
      {report.signatures.map((sig) => (
        <div key={sig.fieldName} className="signature" style={{ borderLeftColor: colour }}>
          <div><strong>{sig.signerName ?? '—'}</strong>{sig.organisation ? ` · ${sig.organisation}` : ''}{sig.issuerName ? <span className="muted"> · {sig.issuerName}</span> : null}</div>
          <div>{sig.reason}</div>
          {sig.notes.length > 0 && <ul className="muted">{sig.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
        </div>
      ))}
    </div>
  );
}

/** The report's one-line summary (it carries the reason), for a row of a list. */
export function VerdictLine({ report }: { report: Verification }) {
  return <span className="scan-verdict" data-testid="scan-verdict" role="status" style={{ color: verdictColour(report.overall), fontWeight: 600 }}>{report.summary}</span>;
}

type PinState = ChannelOutput<'signing.pinState'>;

/** The PIN state the token reports, in words and colour. */
export function PinStateText({ pin, testId }: { pin: PinState; testId: string }) {
  const s = useMessages(signingWords);
  const [text, colour] = pin.locked ? [s('pinLocked'), 'var(--err)']
    : pin.finalTry ? [s('pinFinalTry'), 'var(--err)']
      : pin.countLow ? [s('pinCountLow'), 'var(--warn)']
        : [s('pinOk'), 'var(--ok)'];
  return <span className="pin-state" data-testid={testId} style={{ color: colour, fontWeight: pin.countLow || pin.locked ? 600 : 400 }}>● {text}</span>;
}
