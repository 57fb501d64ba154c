import type { ChannelOutput } from '../../../../main/contract/channels';
import { useMessages } from '../../common/i18n/i18n';
import { CertificateVerdict } from '../../common/signing/CertificateCard';
import { TokenSigner } from '../../common/signing/TokenSigner';
import { call, useInvalidate } from '../../common/station';
import { scanWords } from './messages';

export type SignedScan = ChannelOutput<'signing.signScan'>;

/** Signing one document's stored scan with the officer's token (the one signing dialog, common/signing). */
export function ScanSignDialog({ dossierCode, documentCode, documentName, onSigned, onClose }: {
  dossierCode: string;
  documentCode: string;
  documentName: string;
  onSigned: (signed: SignedScan) => void;
  onClose: () => void;
}) {
  const t = useMessages(scanWords);
  const invalidate = useInvalidate();
  return (
    <TokenSigner<SignedScan>
      title={t('signTitle')}
      subject={<>{documentName} · {dossierCode}</>}
      idPrefix="scan-sign"
      sign={async (choice) => {
        const signed = await call('signing.signScan', { code: dossierCode, documentCode, ...choice });
        void invalidate('signing.config', 'signing.status');
        onSigned(signed);
        return signed;
      }}
      result={(signed) => (
        <>
          <CertificateVerdict report={signed.verification} />
          <p className="muted">{signed.file.fileName} · SHA-256 {signed.file.sha256.slice(0, 16)}…</p>
          <p className="muted">{t('signedHint')}</p>
        </>
      )}
      onClose={onClose}
    />
  );
}
