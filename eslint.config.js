import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { stationPlugin } from './build/eslint-station.mjs';

// The layering rules of docs/architecture.md, checked on every `npm test` (and proven to fire by
// test/architecture.test.ts): which folder may import which (build/eslint-station.mjs), SQL only
// in stores, the core and the renderer free of Node, Electron and the database, hardware free of React.
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
    files: ['main/**/*.ts', 'hardware/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { station: stationPlugin },
    rules: { 'station/layers': 'error', 'station/sql-in-stores': 'error' },
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
          group: ['**/main/storage/**', '**/main/station', '**/main/hosts/**', '**/main/forms/**', '**/hardware/**'],
          message: 'The renderer may use the contract (main/contract) and the core (main/core) only.',
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
  {
    // The core runs everywhere, the renderer included: plain TypeScript, no Node.
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeModules, 'electron', 'better-sqlite3', 'react', 'react-dom'].map((name) => ({ name, message: 'The core is plain TypeScript that also runs in the renderer: no Node, Electron, database or React.' })),
      }],
    },
  },
);
