import type { ComponentType } from 'react';
import type { DossierView } from '../../../../main/contract/schemas';
import type { Text } from '../../common/i18n/i18n';
import { useStation } from '../../common/station';
import { SlipPreview } from '../intake/SlipPreview';
import { CorrectOwnerDialog } from '../sync/CorrectOwnerDialog';

// What the officer can do with a dossier, by its status (TrangThaiHoSo 1–10). The dossier page
// shows the actions whose statuses include the dossier's, in this order, each a button (with its
// key) opening its dialog. The lifecycle's steps (a supplement request, Mẫu 02; a refusal,
// Mẫu 03; returning the result) are added here as entries.

export type DossierActionProps = Readonly<{ dossier: DossierView; onClose: () => void }>;

export type DossierAction = Readonly<{
  id: string;
  label: Text;
  /** Pressed on the dossier page, opens the action. */
  hotkey?: string;
  /** The statuses it applies to. */
  statuses: readonly number[];
  primary?: boolean;
  Dialog: ComponentType<DossierActionProps>;
}>;

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const OPEN = [1, 2, 4, 5, 6];

function PrintSlip({ dossier, onClose }: DossierActionProps) {
  const settings = useStation('settings.get', {});
  return <SlipPreview code={dossier.code} defaultPaper={settings.data?.station.slipPaper ?? 'A4'} onClose={onClose} />;
}

function CorrectOwner({ dossier, onClose }: DossierActionProps) {
  return <CorrectOwnerDialog code={dossier.code} onClose={onClose} />;
}

export const dossierActions: readonly DossierAction[] = [
  { id: 'slip', label: { vi: 'In giấy hẹn', en: 'Print slip' }, hotkey: 'Ctrl+P', statuses: ALL.filter((s) => s !== 3), primary: true, Dialog: PrintSlip },
  { id: 'correct-owner', label: { vi: 'Sửa thông tin chủ hồ sơ', en: 'Correct the owner' }, statuses: OPEN, Dialog: CorrectOwner },
];

export function actionsFor(status: number): readonly DossierAction[] {
  return dossierActions.filter((a) => a.statuses.includes(status));
}
