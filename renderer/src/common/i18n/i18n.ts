import { createContext, useContext } from 'react';
import type { Language } from '../../../../main/core/messages';
import { common } from './common';

// Every text a person reads, Vietnamese first with its English variant, kept with the feature
// that shows it (features/<name>/messages.ts) and merged by ./registry.ts. A catalogue entry is
// { vi, en }, so a missing translation does not compile. Placeholders are {name}.

export type Lang = Language;
export type Text = Readonly<{ vi: string; en: string }>;
export type Catalogue = Readonly<Record<string, Text>>;
export type Params = Readonly<Record<string, string | number>>;

/** Declares a catalogue, keeping its keys typed. */
export const defineMessages = <C extends Catalogue>(catalogue: C): C => catalogue;

export const LangContext = createContext<Lang>('vi');

export function useLang(): Lang {
  return useContext(LangContext);
}

/** A text in a language, its {placeholders} filled. */
export function translate(text: Text, lang: Lang, params: Params = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : whole));
}

export type Translate<C extends Catalogue> = (key: (keyof C | keyof typeof common) & string, params?: Params) => string;

/** The translator of a feature's catalogue; the common words (close, cancel, …) come with it. */
export function useMessages<C extends Catalogue>(catalogue: C): Translate<C> {
  const lang = useLang();
  return (key, params) => {
    const text = (catalogue as Catalogue)[key] ?? (common as Catalogue)[key];
    return text ? translate(text, lang, params) : key;
  };
}
