import type { DisplayDetails } from '../contract/display-channels';

// Text shown to the citizen goes through here: NFC (decomposed Vietnamese renders broken), no
// control characters, no invisible or direction-changing characters (a pasted text must not
// reorder what the citizen reads), white space collapsed. What the officer typed is otherwise
// shown as typed: the point is for the citizen to catch mistakes.

// C0/C1 controls, zero-width and joiner characters, bidi embeddings/overrides/isolates, BOM, interlinear annotations.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/gu;

export function cleanShown(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** The details as the display shows them: every text cleaned, empty fields left out. */
export function cleanDetails(d: DisplayDetails): DisplayDetails {
  const out: Record<string, unknown> = {};
  const text = (key: 'fullName' | 'address' | 'submitterName' | 'procedureName') => {
    const v = d[key] === undefined ? '' : cleanShown(d[key]);
    if (v !== '') out[key] = v;
  };
  text('fullName');
  text('address');
  text('submitterName');
  text('procedureName');
  const digits = d.idNumber?.replace(/\D/g, '') ?? '';
  if (digits !== '') out.idNumber = digits.slice(0, 12);
  const phone = d.phone === undefined ? '' : cleanShown(d.phone);
  if (phone !== '') out.phone = phone;
  if (d.birthDate !== undefined) out.birthDate = d.birthDate;
  if (d.appointmentAt !== undefined) out.appointmentAt = d.appointmentAt;
  if (d.resultDelivery !== undefined) out.resultDelivery = d.resultDelivery;
  if (d.documents !== undefined) {
    const documents = d.documents.map((doc) => ({ ...doc, name: cleanShown(doc.name) })).filter((doc) => doc.name !== '');
    if (documents.length > 0) out.documents = documents;
  }
  return out as DisplayDetails;
}
