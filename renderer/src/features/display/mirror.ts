import { useEffect, useRef } from 'react';
import { parseTypedDate } from '../../../../main/core/format';
import type { DisplayDetails } from '../../../../main/contract/display-channels';
import { call, useStation } from '../../common/station';
import { hasContent, type FormState } from '../intake/form';

// What the officer types about the citizen, mirrored on the screen facing them (`display.show`),
// so that the citizen reads their name, number and address back while they are typed. A short
// pause after the last key sends it (not every key); an empty form brings the welcome back.
// The display is a courtesy: a refusal never troubles the officer's form.

const PAUSE_MS = 350;

const digits = (s: string, max: number) => s.replace(/\D/g, '').slice(0, max);
const phoneChars = (s: string) => s.replace(/[^\d +.()-]/g, '').trim().slice(0, 20);
const isoDate = (typed: string) => { const d = parseTypedDate(typed); return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined; };

export function detailsOf(form: FormState, procedure?: Readonly<{ name: string; documents: ReadonlyArray<{ code: string; name: string }> }>, appointmentAt?: string): DisplayDetails {
  const o = form.owner;
  const birthDate = isoDate(o.birthDate);
  const documents = procedure
    ? procedure.documents.flatMap((d) => {
      const s = form.documents[d.code];
      return s?.received ? [{ name: d.name.slice(0, 500), originals: s.originals, certifiedCopies: s.certifiedCopies, copies: s.copies }] : [];
    })
    : [];
  return {
    ...(o.fullName.trim() ? { fullName: o.fullName.slice(0, 100) } : {}),
    ...(o.idNumber ? { idNumber: digits(o.idNumber, 12) } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(o.phone.trim() ? { phone: phoneChars(o.phone) } : {}),
    ...(o.address.trim() ? { address: o.address.slice(0, 300) } : {}),
    ...(form.submitterDiffers && form.submitter.fullName.trim() ? { submitterName: form.submitter.fullName.slice(0, 100) } : {}),
    ...(procedure ? { procedureName: procedure.name.slice(0, 500) } : {}),
    ...(documents.length > 0 ? { documents: documents.slice(0, 60) } : {}),
    ...(appointmentAt ? { appointmentAt } : {}),
    resultDelivery: form.delivery,
  } as DisplayDetails;
}

export function useMirrorOnDisplay(form: FormState): void {
  const code = form.procedureCode;
  const procedure = useStation('catalogue.get', { code }, { enabled: code !== '' });
  const appointment = useStation('appointment.preview', { procedureCode: code }, { enabled: code !== '' });
  const p = procedure.data && procedure.data.code === code ? procedure.data : undefined;
  const details = hasContent(form) ? detailsOf(form, p, p ? appointment.data?.appointmentAt : undefined) : null;
  const json = JSON.stringify(details);
  // Nothing sent yet counts as empty: opening an empty form does not wipe a rating asked for on the display.
  const sent = useRef('null');
  useEffect(() => {
    if (json === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = json;
      const d = JSON.parse(json) as DisplayDetails | null;
      void (d ? call('display.show', d) : call('display.clear', {})).catch(() => undefined);
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [json]);
}
