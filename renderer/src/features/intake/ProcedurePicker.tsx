import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type Ref } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatProcessingTime } from '../../../../main/core/format';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { call, stationKey, useStation } from '../../common/station';
import { intakeWords } from './messages';

type Summary = ChannelOutput<'catalogue.search'>[number];

/**
 * A combobox: type, arrows to move, Enter to choose. Results come from the station's index as
 * the officer types; an Enter pressed before the answer for the last letter arrived chooses from
 * that answer, never from the one before it.
 */
export function ProcedurePicker({ value, onChoose, onLeave, error, inputRef, autoFocus }: {
  value: Summary | null;
  autoFocus?: boolean;
  onChoose: (code: string) => void;
  /** Enter chose: focus moves on at once, before the answer for the last letter is in. */
  onLeave: () => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const t = useMessages(intakeWords);
  const lang = useLang();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const search = useStation('catalogue.search', { query, limit: 12 }, { enabled: open, placeholderData: keepPreviousData });
  const current = search.isPlaceholderData ? undefined : search.data;
  const results = search.data ?? [];
  const client = useQueryClient();

  useEffect(() => { setActive(0); }, [query]);

  const choose = (s: Summary | undefined) => {
    if (!s) return;
    onLeave();
    onChoose(s.code);
    setOpen(false);
    setQuery('');
  };

  /** Chooses from the answer for what was typed — waiting for it if it is still on its way. */
  const chooseTyped = async () => {
    const typed = { query, limit: 12 };
    const at = active;
    onLeave();
    setOpen(false);
    setQuery('');
    const list: readonly Summary[] = current ?? (await client.fetchQuery<Summary[]>({ queryKey: stationKey('catalogue.search', typed), queryFn: () => call('catalogue.search', typed) }));
    const chosen = list[at] ?? list[0];
    if (chosen) onChoose(chosen.code);
  };

  return (
    <div className="picker">
      <label htmlFor={`${listId}-input`}>{t('procedure')}</label>
      {value && !open ? (
        <div className="chosen" data-testid="chosen-procedure">
          <span className="code">{value.code}</span> {value.name}
          <small> · {value.field} · {formatProcessingTime(value.processingTime, lang)}</small>
        </div>
      ) : null}
      <input
        ref={inputRef}
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && results[active] ? `${listId}-${active}` : undefined}
        aria-invalid={!!error}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder={value ? t('changeProcedure') : t('procedureSearch')}
        value={query}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, results.length - 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          else if (e.key === 'Enter' && open && (results.length > 0 || search.isFetching)) {
            // The form's Enter-to-advance waits until the choice has rendered the next fields.
            e.preventDefault();
            e.stopPropagation();
            void chooseTyped();
          } else if (e.key === 'Escape' && open) { e.stopPropagation(); setOpen(false); }
        }}
      />
      {open && (
        <ul id={listId} role="listbox" className="options">
          {current && current.length === 0 ? <li className="empty">{t('noProcedure')}</li> : null}
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
              <small>{r.field} · {formatProcessingTime(r.processingTime, lang)}</small>
            </li>
          ))}
        </ul>
      )}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}
