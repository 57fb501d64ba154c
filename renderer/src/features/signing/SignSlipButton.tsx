import { useState } from 'react';
import { useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { CertificateVerdict } from '../../common/signing/CertificateCard';
import { TokenSigner } from '../../common/signing/TokenSigner';
import { call, useInvalidate, useStation } from '../../common/station';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { signingScreenWords } from './messages';

type Signed = ChannelOutput<'signing.signSlip'>;

/** The "Ký số" button of the slip preview: shown only when the agency signs its slips. */
export function SignSlipButton({ code }: { code: string }) {
  const s = useMessages(signingScreenWords);
  const config = useStation('signing.config', {});
  const invalidate = useInvalidate();
  const [open, setOpen] = useState(false);
  if (!config.data?.enabled) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="sign-slip">{s('signSlip')}</button>
      {open && (
        <TokenSigner<Signed>
          title={s('signTitle')}
          subject={code}
          idPrefix="sign"
          sign={async (choice) => {
            const signed = await call('signing.signSlip', { code, ...choice });
            // The preferred certificate moved to this one; the token's PIN state may have too.
            void invalidate('signing.config', 'signing.status');
            return signed;
          }}
          result={(signed) => <SignedSlip signed={signed} />}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function SignedSlip({ signed }: { signed: Signed }) {
  const s = useMessages(signingScreenWords);
  const url = usePdfUrl(signed.base64);
  return (
    <>
      <CertificateVerdict report={signed.verification} />
      <p className="muted">{signed.file.fileName} · SHA-256 {signed.file.sha256.slice(0, 16)}…</p>
      {url ? <p><a className="button" href={url} download={signed.file.fileName} target="_blank" rel="noreferrer">{s('openSigned')}</a></p> : null}
    </>
  );
}
