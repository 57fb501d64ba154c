/// <reference types="vite/client" />
import { common } from './common';
import type { Catalogue } from './i18n';

// The one registry of the renderer's texts: the common words and every catalogue a feature,
// the shell or a shared component keeps in its `messages.ts`. It is collected by the bundler
// (Vite's import.meta.glob), so a new feature's words join it without a line here; the check
// (test/renderer/common/i18n) reads it to prove every text has both languages and the same
// placeholders.

const modules = import.meta.glob<Readonly<Record<string, unknown>>>(['../../features/*/messages.ts', '../../app/messages.ts', '../*/messages.ts'], { eager: true });

const isText = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as { vi?: unknown }).vi === 'string' && typeof (v as { en?: unknown }).en === 'string';
const isCatalogue = (v: unknown): v is Catalogue => typeof v === 'object' && v !== null && Object.values(v).length > 0 && Object.values(v).every(isText);

/** A glob path (relative to this folder) as a path under renderer/src. */
const repoPath = (path: string): string => (path.startsWith('../../') ? path.slice(6) : `common/${path.slice(3)}`);

/** "features/intake/messages.ts#messages" → its catalogue. */
export const catalogues: Readonly<Record<string, Catalogue>> = {
  'common/i18n/common.ts#common': common,
  ...Object.fromEntries(
    Object.entries(modules).flatMap(([path, module]) =>
      Object.entries(module).filter(([, v]) => isCatalogue(v)).map(([name, v]) => [`${repoPath(path)}#${name}`, v as Catalogue])),
  ),
};
