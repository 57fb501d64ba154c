import { randomUUID } from 'node:crypto';
import type { DossierDraft } from '../../main/contract/schemas';
import type { Procedure } from '../../main/core/model';
import { idNumberFor } from './people';

// Intake forms as the renderer sends them. No vitest import: the concurrency workers use it.

/** "Thủ tục đăng ký khai sinh", same day with a 15:00 cut-off: the most common commune procedure. */
export const BIRTH_REGISTRATION = '1.001193';

export type DraftOverrides = Partial<Omit<DossierDraft, 'owner'>> & { owner?: Partial<DossierDraft['owner']> };

/**
 * A form that the station accepts for `procedure`: a consistent applicant, every mandatory
 * document ticked with the counts the procedure asks for, a fresh intake key.
 */
export function draftFor(procedure: Procedure, overrides: DraftOverrides = {}): DossierDraft {
  const { owner, ...rest } = overrides;
  const birthDate = owner?.birthDate ?? '1990-05-17';
  return {
    intakeKey: randomUUID(),
    procedureCode: procedure.code,
    owner: {
      fullName: 'Nguyễn Văn An',
      idNumber: idNumberFor(birthDate, 'male'),
      birthDate,
      phone: '0912345678',
      address: 'Số 12, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh',
      ...owner,
    },
    submitter: null,
    resultDelivery: { method: 'counter' },
    documents: procedure.documents
      .filter((d) => d.mandatory)
      .map((d) => ({ code: d.code, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies })),
    sets: procedure.sets,
    notes: '',
    ...rest,
  };
}
