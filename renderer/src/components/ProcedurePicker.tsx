import { useEffect, useId, useRef, useState } from 'react';
import { call } from '../station';
import { formatProcessing, useT } from '../i18n';
import type { ChannelOutput } from '../../../main/contract/channels';

type Summary = ChannelOutput<'catalogue.search'>[number];

/** A combobox: type, arrows to move, Enter to choose. Results come from the station's index. */
export function ProcedurePicker({ value, onChoose, error, autoFocus }: {
  value: Summary | null;
  onChoose: (code: string) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const t = useT();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Summary[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void call('catalogue.search', { query, limit: 12 }).then((r) => {
        if (mine === seq.current) { setResults(r); setActive(0); }
      });
    }, 60);
    return () => clearTimeout(timer);
  }, [query, open]);

  const choose = (s: Summary | undefined) => {
    if (!s) return;
    onChoose(s.code);
    setOpen(false);
    setQuery('');
  };

  return (
    <div className="picker">
      <label htmlFor={`${listId}-input`}>{t('procedure')}</label>
      {value && !open ? (
        <div className="chosen" data-testid="chosen-procedure">
          <span className="code">{value.code}</span> {value.name}
          <small> · {value.field} · {formatProcessing(value.processingTime)}</small>
        </div>
      ) : null}
      <input
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && results[active] ? `${listId}-${active}` : undefined}
        aria-invalid={!!error}
        autoFocus={autoFocus}
        autoComplete="off"
        placeholder={value ? 'Đổi thủ tục…' : t('procedureSearch')}
        value={query}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, results.length - 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          else if (e.key === 'Enter' && open && results.length > 0) {
            // Stop the form's Enter-to-advance until the choice has rendered the next fields.
            e.preventDefault();
            e.stopPropagation();
            choose(results[active]);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && (
        <ul id={listId} role="listbox" className="options">
          {results.length === 0 ? <li className="empty">{t('noProcedure')}</li> : null}
          {results.map((r, i) => (
            <li
              id={`${listId}-${i}`}
              key={r.code}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); choose(r); }}
            >
              <span className="code">{r.code}</span>
              <span className="name">{r.name}</span>
              <small>{r.field} · {formatProcessing(r.processingTime)}</small>
            </li>
          ))}
        </ul>
      )}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}
