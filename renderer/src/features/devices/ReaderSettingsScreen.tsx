import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../../main/core/format';
import { readerBaudRates, type IdentityReaderSettings, type ReaderStatus } from '../../../../main/contract/devices-channels';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { devicesWords } from './messages';

// The technician's page for the identity-card reader: how it is connected, its port and speed,
// its state as the station sees it (`reader.status`, kept fresh by `reader.changed`), and a test
// read that waits a few seconds for one scan and shows what it parsed, or why not.

type TestResult = ChannelOutput<'reader.testRead'>;
const TEST_SECONDS = 10;

export default function ReaderSettingsScreen(_props: ScreenProps) {
  const t = useMessages(devicesWords);
  const current = useStation('reader.settings', {});
  const status = useStation('reader.status', {});
  const ports = useStation('devices.serialPorts', {});
  const [draft, setDraft] = useState<IdentityReaderSettings | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestResult | null>(null);
  useEffect(() => { if (current.data && !draft) setDraft(current.data.settings); }, [current.data, draft]);
  if (!draft) return <p className="muted">…</p>;

  const save = async () => {
    try {
      const answer = await call('reader.configure', { mode: draft.mode, serial: draft.serial, keyboard: draft.keyboard });
      setDraft(answer.settings);
      setErrors({});
      setMessage({ text: t('saved'), error: false });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ text: errorMessage(e), error: true });
    }
  };
  const testRead = async () => {
    setTesting(true);
    setTest(null);
    setMessage(null);
    try {
      setTest(await call('reader.testRead', { path: draft.serial.path || undefined, baudRate: draft.serial.baudRate, seconds: TEST_SECONDS }));
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    } finally {
      setTesting(false);
    }
  };
  const setSerial = (patch: Partial<IdentityReaderSettings['serial']>) => setDraft({ ...draft, serial: { ...draft.serial, ...patch } });
  const setKeyboard = (patch: Partial<IdentityReaderSettings['keyboard']>) => setDraft({ ...draft, keyboard: { ...draft.keyboard, ...patch } });
  const known = ports.data ?? [];

  return (
    <section className="device-settings">
      <h1>{t('readerTitle')}</h1>
      <p className="muted">{t('readerIntro')}</p>
      {status.data ? <ReaderState status={status.data} /> : null}
      {message ? <p className={`banner ${message.error ? 'error' : 'ok'}`} role="status" data-testid="reader-message">{message.text}</p> : null}
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <fieldset>
          <legend>{t('mode')}</legend>
          {(['none', 'keyboard', 'serial'] as const).map((m) => (
            <label key={m} className="check"><input type="radio" name="mode" checked={draft.mode === m} onChange={() => setDraft({ ...draft, mode: m })} />{t(`mode_${m}`)}</label>
          ))}
        </fieldset>
        {draft.mode === 'serial' ? (
          <fieldset>
            <legend>{t('mode_serial')}</legend>
            <div className="grid">
              <div className={`field ${errors['serial.path'] ? 'has-error' : ''}`}>
                <label htmlFor="reader-port">{t('port')}</label>
                <select id="reader-port" name="serial.path" value={draft.serial.path} onChange={(e) => setSerial({ path: e.target.value })}>
                  <option value="">{t('choosePort')}</option>
                  {draft.serial.path && !known.some((p) => p.path === draft.serial.path) ? <option value={draft.serial.path}>{draft.serial.path}</option> : null}
                  {known.map((p) => <option key={p.path} value={p.path}>{p.path}{p.manufacturer ? ` — ${p.manufacturer}` : ''}</option>)}
                </select>
                {errors['serial.path'] ? <p className="field-error" role="alert">{errors['serial.path']}</p> : null}
                {ports.data && known.length === 0 ? <p className="field-hint">{t('noPorts')}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="reader-baud">{t('baud')}</label>
                <select id="reader-baud" name="serial.baudRate" value={draft.serial.baudRate} onChange={(e) => setSerial({ baudRate: Number(e.target.value) as IdentityReaderSettings['serial']['baudRate'] })}>
                  {readerBaudRates.map((b) => <option key={b} value={b}>{b}</option>)}
                </select>
              </div>
              <div className="field"><label>&nbsp;</label><button type="button" onClick={() => void ports.refetch()}>{t('findPorts')}</button></div>
            </div>
          </fieldset>
        ) : null}
        {draft.mode === 'keyboard' ? (
          <fieldset>
            <legend>{t('mode_keyboard')}</legend>
            <div className="grid">
              <div className="field">
                <label htmlFor="reader-gap">{t('maxKeyGap')}</label>
                <input id="reader-gap" type="number" min={5} max={200} value={draft.keyboard.maxKeyGapMs} onChange={(e) => setKeyboard({ maxKeyGapMs: Number(e.target.value) })} />
              </div>
              <div className="field">
                <label htmlFor="reader-min">{t('minLength')}</label>
                <input id="reader-min" type="number" min={12} max={200} value={draft.keyboard.minLength} onChange={(e) => setKeyboard({ minLength: Number(e.target.value) })} />
              </div>
            </div>
            <p className="muted">{t('testKeyboard')}</p>
          </fieldset>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary">{t('save')}</button>
          {draft.mode === 'serial' ? <button type="button" disabled={testing || !draft.serial.path} onClick={() => void testRead()}>{t('testRead')}</button> : null}
        </div>
      </form>
      {testing ? <p className="banner" role="status">{t('testing', { seconds: TEST_SECONDS })}</p> : null}
      {test ? <TestOutcome result={test} /> : null}
    </section>
  );
}

function ReaderState({ status }: { status: ReaderStatus }) {
  const t = useMessages(devicesWords);
  const path = status.path ?? '';
  const tone = status.state === 'listening' ? 'ok' : status.state === 'off' ? '' : 'error';
  return (
    <div className={`banner reader-state ${tone}`} data-testid="reader-state">
      <b>{t('status')}:</b> {t(`state_${status.state}`, { path })}
      {status.message ? <div>{status.message}</div> : null}
      {status.lastScanAt ? <div className="muted">{t('lastScan', { at: formatDateTime(status.lastScanAt) })}</div> : null}
    </div>
  );
}

function TestOutcome({ result }: { result: TestResult }) {
  const t = useMessages(devicesWords);
  if (result.outcome === 'silent') return <p className="banner error" role="status" data-testid="reader-test">{t('testSilent', { message: result.message })}</p>;
  const { scan } = result;
  return (
    <div className={`banner ${scan.ok ? 'ok' : 'error'}`} role="status" data-testid="reader-test">
      <p>{scan.message}</p>
      {scan.ok ? <p>{scan.card.fullName} · {scan.card.idNumber} · {scan.card.birthDate.split('-').reverse().join('/')}</p> : null}
      <details><summary>{t('testRaw')}</summary><pre className="raw">{result.raw}</pre></details>
    </div>
  );
}
