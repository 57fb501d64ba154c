import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { QueueSettings, TicketPrinterSettings } from '../../../../main/contract/queue-channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { queueWords } from './messages';
import { countersText, groupsText, parseCounters, parseGroups } from './settings-text';

// The technician's page for the queue: service groups, counters, which counter this PC is, the
// thermal ticket printer and its paper, and "In thử" — a test ticket with the settings saved,
// and what the printer answered (paper out, cover open, unreachable…) in plain words.

type Kind = TicketPrinterSettings['kind'];
const BAUDS = [9600, 19200, 38400, 57600, 115200] as const;
type Test = ChannelOutput<'queue.printerTest'>;

export default function QueueSettingsScreen(_props: ScreenProps) {
  const t = useMessages(queueWords);
  const current = useStation('queue.settings', {});
  const [draft, setDraft] = useState<QueueSettings | null>(null);
  const [groups, setGroups] = useState('');
  const [counters, setCounters] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [test, setTest] = useState<Test | null>(null);
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    if (current.data && !draft) { setDraft(current.data); setGroups(groupsText(current.data.groups)); setCounters(countersText(current.data.counters)); }
  }, [current.data, draft]);
  if (!draft) return <p className="muted">…</p>;

  const setPrinter = (printer: TicketPrinterSettings) => setDraft({ ...draft, printer });
  const changeKind = (kind: Kind) => {
    switch (kind) {
      case 'none': return setPrinter({ kind });
      case 'network': return setPrinter({ kind, host: '', port: 9100 });
      case 'serial': return setPrinter({ kind, path: '', baudRate: 9600, rtscts: false });
      case 'usb': return setPrinter({ kind });
      default: { const never: never = kind; return never; }
    }
  };

  const save = async () => {
    const g = parseGroups(groups);
    const c = parseCounters(counters);
    const bad = [...g.bad, ...c.bad];
    if (bad.length > 0) { setMessage({ text: bad.map((line) => t('badLine', { line })).join(' '), error: true }); return; }
    try {
      const saved = await call('queue.configure', { ...draft, groups: g.groups, counters: c.counters });
      setDraft(saved);
      setGroups(groupsText(saved.groups));
      setCounters(countersText(saved.counters));
      setErrors({});
      setMessage({ text: t('saved'), error: false });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ text: errorMessage(e), error: true });
    }
  };
  const printerTest = async () => {
    setTesting(true);
    setTest(null);
    try {
      setTest(await call('queue.printerTest', {}));
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setTesting(false);
    }
  };
  const p = draft.printer;
  const err = (k: string) => (errors[k] ? <p className="field-error" role="alert">{errors[k]}</p> : null);

  return (
    <section className="device-settings">
      <h1>{t('settingsTitle')}</h1>
      {message ? <p className={`banner ${message.error ? 'error' : 'ok'}`} role="status" data-testid="queue-settings-message">{message.text}</p> : null}
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <fieldset>
          <div className="grid">
            <div className="field span2"><label htmlFor="q-groups">{t('groups')}</label><textarea id="q-groups" name="groups" rows={4} value={groups} onChange={(e) => setGroups(e.target.value)} />{err('groups')}</div>
            <div className="field span2"><label htmlFor="q-counters">{t('counters')}</label><textarea id="q-counters" name="counters" rows={4} value={counters} onChange={(e) => setCounters(e.target.value)} />{err('counters')}</div>
            <div className="field"><label htmlFor="q-this">{t('thisCounter')}</label><input id="q-this" name="counterNumber" type="number" min={1} max={99} value={draft.counterNumber} onChange={(e) => setDraft({ ...draft, counterNumber: Number(e.target.value) })} />{err('counterNumber')}</div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('printer')}</legend>
          <div className="grid">
            <div className="field">
              <label htmlFor="q-kind">{t('printer')}</label>
              <select id="q-kind" name="printer.kind" value={p.kind} onChange={(e) => changeKind(e.target.value as Kind)}>
                {(['none', 'network', 'serial', 'usb'] as const).map((k) => <option key={k} value={k}>{t(`printer_${k}`)}</option>)}
              </select>
            </div>
            {p.kind === 'network' ? (
              <>
                <div className="field"><label htmlFor="q-host">{t('host')}</label><input id="q-host" name="printer.host" value={p.host} onChange={(e) => setPrinter({ ...p, host: e.target.value.trim() })} />{err('printer.host')}</div>
                <div className="field"><label htmlFor="q-port">{t('port')}</label><input id="q-port" name="printer.port" type="number" value={p.port} onChange={(e) => setPrinter({ ...p, port: Number(e.target.value) })} />{err('printer.port')}</div>
              </>
            ) : null}
            {p.kind === 'serial' ? (
              <>
                <div className="field"><label htmlFor="q-path">{t('serialPath')}</label><input id="q-path" name="printer.path" value={p.path} onChange={(e) => setPrinter({ ...p, path: e.target.value.trim() })} />{err('printer.path')}</div>
                <div className="field"><label htmlFor="q-baud">{t('baud')}</label>
                  <select id="q-baud" value={p.baudRate} onChange={(e) => setPrinter({ ...p, baudRate: Number(e.target.value) as (typeof BAUDS)[number] })}>{BAUDS.map((b) => <option key={b} value={b}>{b}</option>)}</select>
                </div>
              </>
            ) : null}
            <div className="field"><label htmlFor="q-paper">{t('paper')}</label>
              <select id="q-paper" value={draft.paper} onChange={(e) => setDraft({ ...draft, paper: Number(e.target.value) === 58 ? 58 : 80 })}><option value={80}>80 mm</option><option value={58}>58 mm</option></select>
            </div>
            <div className="field"><label htmlFor="q-silent">{t('whenSilent')}</label>
              <select id="q-silent" value={draft.whenSilent} onChange={(e) => setDraft({ ...draft, whenSilent: e.target.value === 'print' ? 'print' : 'refuse' })}>
                <option value="refuse">{t('silent_refuse')}</option><option value="print">{t('silent_print')}</option>
              </select>
            </div>
            <div className="field span2"><label htmlFor="q-url">{t('followUrl')}</label><input id="q-url" name="followUrlTemplate" value={draft.followUrlTemplate} onChange={(e) => setDraft({ ...draft, followUrlTemplate: e.target.value })} />{err('followUrlTemplate')}</div>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary">{t('save')}</button>
          <button type="button" disabled={testing} onClick={() => void printerTest()}>{t('printerTest')}</button>
        </div>
      </form>
      {test ? (
        <p className={`banner ${test.printed ? 'ok' : 'error'}`} role="status" data-testid="printer-test">
          {test.printed ? t('testPrinted', { message: test.message }) : t('testFailed', { message: test.message })}
          {test.paperNearEnd ? <><br />{t('paperNearEnd')}</> : null}
        </p>
      ) : null}
    </section>
  );
}
