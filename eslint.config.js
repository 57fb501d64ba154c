import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// The layering rules of docs/architecture.md, checked on every `npm test`:
// the core never imports Electron, the renderer never imports Node, hardware never imports React.
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.electron-native/**', 'scratch/**', 'test/sync/.crash-child-*'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/hosts/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The station core is plain Node: only main/hosts/electron may import electron.' }],
        patterns: [{ group: ['react', 'react-dom', '**/renderer/**'], message: 'The core does not depend on the renderer.' }],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeModules, 'electron', 'better-sqlite3', 'pdfmake'].map((name) => ({ name, message: 'The renderer talks only to window.station; no Node, Electron or database modules.' })),
        patterns: [{
          group: ['**/main/storage/**', '**/main/station', '**/main/hosts/**', '**/main/forms/**', '**/main/core/**', '!**/main/core/errors', '**/hardware/**'],
          message: 'The renderer may use the contract (main/contract) and the error types only.',
        }],
      }],
    },
  },
  {
    files: ['hardware/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom', 'electron'].map((name) => ({ name, message: 'Drivers are plain Node: no React, no Electron.' })),
        patterns: [{ group: ['**/renderer/**'], message: 'Drivers do not depend on the renderer.' }],
      }],
    },
  },
);
