import { useState } from 'react';
import { useMessages } from '../../common/i18n/i18n';
import { Field } from '../../common/ui/Field';
import { officersWords } from './messages';

/** A new password typed twice; `error` is the station's verdict on it (too short, too common…). */
export function NewPassword({ value, onChange, error, name = 'password', label }: {
  value: Readonly<{ first: string; again: string }>;
  onChange: (v: { first: string; again: string }) => void;
  error?: string | undefined;
  name?: string;
  label?: string;
}) {
  const t = useMessages(officersWords);
  const [touched, setTouched] = useState(false);
  const differs = touched && value.again !== '' && value.again !== value.first;
  return (
    <>
      <Field label={label ?? t('password')} name={name} type="password" autoComplete="new-password" value={value.first} error={error} hint={t('passwordHint')}
        onChange={(e) => onChange({ ...value, first: e.target.value })} />
      <Field label={t('passwordAgain')} name={`${name}Again`} type="password" autoComplete="new-password" value={value.again} error={differs ? t('passwordsDiffer') : undefined}
        onBlur={() => setTouched(true)} onChange={(e) => onChange({ ...value, again: e.target.value })} />
    </>
  );
}

export const passwordsMatch = (v: Readonly<{ first: string; again: string }>) => v.first === v.again;
