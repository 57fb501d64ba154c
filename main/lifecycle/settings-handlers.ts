import type { Handlers } from '../contract/dispatch';
import { auditAction } from '../storage/audit-log';
import { writeTransaction } from '../storage/database';
import { readLifecycleSettings, writeLifecycleSettings } from '../storage/lifecycle-store';
import type { LifecycleEnv } from './lifecycle-env';
import { cleanText } from './transition-handlers';

// The agency's lifecycle settings: the clock rule after a supplement (pause by default, see
// docs/domain.md), the form set, the procedures handled at the counter, the handover note, who
// signs the letters and the phone printed on Mẫu 02. A change is audited and announced.

export function settingsHandlers(env: LifecycleEnv): Pick<Handlers, 'lifecycle.settings' | 'lifecycle.configure'> {
  const { ctx } = env;
  const { db } = ctx;
  return {
    'lifecycle.settings': () => env.settings(),
    'lifecycle.configure': (input, call) => {
      const before = readLifecycleSettings(db);
      const next = {
        ...before,
        ...input,
        ...(input.signer ? { signer: { role: cleanText(input.signer.role, 'note', 'signer.role'), name: cleanText(input.signer.name, 'name', 'signer.name') } } : {}),
        ...(input.contactPhone !== undefined ? { contactPhone: cleanText(input.contactPhone, 'setting', 'contactPhone') } : {}),
        ...(input.counterProcessed ? { counterProcessed: { ...input.counterProcessed, procedureCodes: [...new Set(input.counterProcessed.procedureCodes.map((c) => c.trim()))] } } : {}),
      };
      writeTransaction(db, () => {
        writeLifecycleSettings(db, next);
        auditAction(db, call?.officer, ctx.now(), 'lifecycle.settings_change', { before, after: next });
      });
      env.forgetSettings();
      ctx.events.emit('settings.changed', {});
      return env.settings();
    },
  };
}
