import { Link } from 'wouter';
import { formatDateTime } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { pathOf } from '../../app/paths';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { useStation } from '../../common/station';
import { intakeWords } from './messages';

const DAYS = 7;

/**
 * The same person filed the same procedure a few days ago: a warning with a link to each earlier
 * dossier — never a block (a second birth, a dossier refused and brought again, are real).
 */
export function RecentDossiers({ idNumber, procedureCode }: { idNumber: string; procedureCode: string }) {
  const t = useMessages(intakeWords);
  const lang = useLang();
  const recent = useStation('dossier.recent', { idNumber, procedureCode, days: DAYS });
  if (!recent.data || recent.data.length === 0) return null;
  return (
    <div className="banner warn" role="status" data-testid="recent-dossiers">
      <p>{t('recentWarning', { days: DAYS })}</p>
      <ul>
        {recent.data.map((d) => (
          <li key={d.code}>
            {/* The form stays as it is: Esc on the dossier page comes back to it. */}
            <Link href={pathOf('dossier', { code: d.code })} state={{ from: 'intake' }}>
              {t('recentLine', { code: d.code, at: formatDateTime(d.receivedAt), status: statusNames[d.status as keyof typeof statusNames]?.[lang] ?? String(d.status) })}
            </Link>
            {' · '}{d.ownerName}
          </li>
        ))}
      </ul>
    </div>
  );
}
