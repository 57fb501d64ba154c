import { useRef, useState, type KeyboardEvent } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { useMessages } from '../../common/i18n/i18n';
import type { DocState } from './form';
import { intakeWords } from './messages';

type RequiredDocument = ChannelOutput<'catalogue.get'>['documents'][number];
const COUNTS = ['originals', 'certifiedCopies', 'copies'] as const;
type Count = (typeof COUNTS)[number];

/**
 * The procedure's documents as one stop of the form: ↑/↓ move between documents, Space ticks the
 * one under focus (with the counts the procedure asks for), "+" ticks every mandatory document,
 * ←/→ reach the counts of the row — typing a number replaces it — without making them stops of
 * their own; Enter goes on to the next field. The counts of an unticked document stay editable:
 * typing one ticks it.
 */
export function DocumentsChecklist({ documents, state, onChange, onTickMandatory, error }: {
  documents: readonly RequiredDocument[];
  state: Readonly<Record<string, DocState>>;
  onChange: (code: string, patch: Partial<DocState>) => void;
  onTickMandatory: () => void;
  error?: string | undefined;
}) {
  const t = useMessages(intakeWords);
  const [active, setActive] = useState(0);
  const table = useRef<HTMLTableElement>(null);

  /** The control at (row, column): column 0 is the tick, 1–3 the counts. */
  const cell = (row: number, column: number) =>
    table.current?.querySelector<HTMLInputElement>(`tbody tr:nth-child(${row + 1}) [data-column="${column}"]`) ?? null;
  const focusCell = (row: number, column: number) => {
    const r = Math.max(0, Math.min(documents.length - 1, row));
    setActive(r);
    const target = cell(r, Math.max(0, Math.min(3, column)));
    target?.focus();
    if (column > 0) target?.select();
  };

  const tick = (doc: RequiredDocument, received: boolean) => {
    const s = state[doc.code];
    const none = !s || s.originals + s.certifiedCopies + s.copies === 0;
    onChange(doc.code, received && none ? { received, originals: doc.originals, certifiedCopies: doc.certifiedCopies, copies: doc.copies } : { received });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, row: number, column: number) => {
    const step: Partial<Record<string, [number, number]>> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
    const move = step[e.key];
    if (move && !e.altKey && !e.ctrlKey && !e.shiftKey) {
      e.preventDefault();
      focusCell(row + move[0], column + move[1]);
    } else if (e.key === 'Home' && column === 0) {
      e.preventDefault();
      focusCell(0, 0);
    } else if (e.key === 'End' && column === 0) {
      e.preventDefault();
      focusCell(documents.length - 1, 0);
    } else if (e.key === '+') {
      e.preventDefault();
      onTickMandatory();
    }
  };

  return (
    <>
      <table className="documents" ref={table} aria-describedby="documents-keys">
        <thead>
          <tr><th /><th>{t('docName')}</th><th>{t('originals')}</th><th>{t('certifiedCopies')}</th><th>{t('copies')}</th></tr>
        </thead>
        <tbody>
          {documents.map((d, row) => {
            const s = state[d.code] ?? { received: false, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies };
            const count = (k: Count, column: number) => (
              <td>
                <input type="text" inputMode="numeric" tabIndex={-1} data-column={column} aria-label={`${t(k)}: ${d.name}`} value={String(s[k])}
                  onFocus={(e) => { setActive(row); e.currentTarget.select(); }}
                  onKeyDown={(e) => onKeyDown(e, row, column)}
                  onChange={(e) => {
                    const n = Math.min(99, Number(e.target.value.replace(/\D/g, '').slice(-2) || '0'));
                    onChange(d.code, { [k]: n, ...(n > 0 && !s.received ? { received: true } : {}) });
                  }} />
              </td>
            );
            return (
              <tr key={d.code} className={`${s.received ? 'received' : ''} ${row === active ? 'active' : ''}`} data-testid={`document-${d.code}`}>
                <td>
                  <input type="checkbox" id={`doc-${d.code}`} data-column={0} tabIndex={row === active ? 0 : -1} checked={s.received}
                    onFocus={() => setActive(row)}
                    onKeyDown={(e) => onKeyDown(e, row, 0)}
                    onChange={(e) => tick(d, e.target.checked)} />
                </td>
                <td>
                  <label htmlFor={`doc-${d.code}`}>{d.name}</label>
                  {!d.mandatory ? <small className="optional"> ({t('optional')})</small> : null}
                </td>
                {COUNTS.map((k, i) => count(k, i + 1))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="documents-foot">
        <small id="documents-keys" className="muted">{t('documentsKeys')}</small>
        <button type="button" tabIndex={-1} onClick={() => { onTickMandatory(); focusCell(active, 0); }}>{t('tickMandatory')}</button>
      </div>
      {error ? <p className="field-error" role="alert" data-testid="documents-error">{error}</p> : null}
    </>
  );
}
