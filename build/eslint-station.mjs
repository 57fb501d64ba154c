// The station's own lint rules (docs/architecture.md, "Layering, checked"), proven to fire by
// test/architecture.test.ts:
// - station/layers: which part of the tree may import which (the core imports nothing else of
//   main/; a feature never imports another feature or the composition root; …);
// - station/sql-in-stores: SQL only in main/storage/ and in a feature's own *-store.ts.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The features of main/: each a folder of its own (docs/architecture.md). */
export const FEATURES = ['intake', 'sync', 'scanning', 'signing', 'officers', 'devices', 'queue', 'display', 'fees', 'lifecycle', 'printing'];
/** The shared layers of main/, below the features. */
const SHARED = ['core', 'contract', 'storage', 'forms', 'reports', 'portal', 'catalogue'];
/** The composition root's files. */
const COMPOSITION = ['main/station.ts', 'main/messages.ts', 'main/feature.ts', 'main/event-bus.ts', 'main/session-registry.ts'];
/** What features may reach of the composition: its types and the event bus. */
const FOR_FEATURES = ['main/feature.ts', 'main/event-bus.ts', 'main/session-registry.ts'];

/** The layer of a repository path, or undefined outside the checked tree. */
export function layerOf(path) {
  if (COMPOSITION.includes(path)) return 'composition';
  const [top, second] = path.split('/');
  if (top === 'hardware' || top === 'preload' || top === 'renderer') return top;
  if (top !== 'main' || second === undefined) return undefined;
  if (second === 'hosts') return 'hosts';
  if (SHARED.includes(second)) return second;
  if (FEATURES.includes(second)) return `feature:${second}`;
  return 'unregistered';
}

const ALLOWED = {
  core: ['core'],
  contract: ['core', 'contract'],
  storage: ['core', 'contract', 'storage'],
  forms: ['core', 'contract', 'forms', 'hardware'],
  reports: ['core', 'contract', 'forms', 'reports'],
  catalogue: ['core', 'catalogue'],
  portal: ['core', 'contract', 'storage', 'catalogue', 'portal'],
  hardware: ['hardware'],
  preload: ['contract', 'preload'],
  renderer: ['renderer', 'contract', 'core'],
  hosts: ['hosts', 'composition', 'contract', 'core', 'forms', 'reports', 'portal', 'storage', 'hardware'],
  composition: ['composition', 'core', 'contract', 'storage', 'forms', 'reports', 'portal', 'catalogue', 'hardware', ...FEATURES.map((f) => `feature:${f}`)],
};

function allowed(from, to, target) {
  if (from.startsWith('feature:')) {
    if (to === from) return true;
    if (to === 'composition') return FOR_FEATURES.includes(target);
    return [...SHARED, 'hardware'].includes(to);
  }
  return (ALLOWED[from] ?? []).includes(to);
}

const layers = {
  meta: { type: 'problem', messages: { crossing: '{{from}} may not import {{to}} ({{target}}): {{why}}', unregistered: '{{path}} is in no layer: add its folder to FEATURES or to the shared layers in build/eslint-station.mjs' } },
  create(context) {
    const file = relative(ROOT, context.filename).split('\\').join('/');
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(ROOT, join(dirname(context.filename), source)).split('\\').join('/');
      const resolved = [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`, target].find((c) => existsSync(join(ROOT, c))) ?? target;
      const to = layerOf(resolved);
      if (!to) return;
      if (to === 'unregistered') return context.report({ node, messageId: 'unregistered', data: { path: target } });
      if (from === 'unregistered') return context.report({ node, messageId: 'unregistered', data: { path: file } });
      if (allowed(from, to, resolved)) return;
      const why = from.startsWith('feature:') && to.startsWith('feature:')
        ? 'features reach each other only through the context and its events'
        : from === 'core' ? 'the core imports nothing else of main/' : `see the table in build/eslint-station.mjs`;
      context.report({ node, messageId: 'crossing', data: { from, to, target: resolved, why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

// A statement, not a sentence that happens to start with "Create" or "Update".
const SQL = /^\s*(SELECT\s[\s\S]*\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|REPLACE\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TEMP\s+|UNIQUE\s+|VIRTUAL\s+)?(TABLE|INDEX|TRIGGER|VIEW)\b|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)\b|ALTER\s+TABLE\b|PRAGMA\s+\w|WITH\s+\w+\s+AS\b|ATTACH\s+DATABASE\b|VACUUM\b)/i;

const sqlInStores = {
  meta: { type: 'problem', messages: { sql: 'SQL belongs in main/storage/ or in a feature\'s own *-store.ts: {{what}}' } },
  create(context) {
    const file = relative(ROOT, context.filename).split('\\').join('/');
    if (!file.startsWith('main/') || file.startsWith('main/storage/') || /store\.ts$/.test(file)) return {};
    const report = (node, what) => context.report({ node, messageId: 'sql', data: { what } });
    return {
      Literal: (node) => { if (typeof node.value === 'string' && SQL.test(node.value)) report(node, node.value.slice(0, 40)); },
      TemplateLiteral: (node) => { const head = node.quasis[0]?.value.cooked ?? ''; if (SQL.test(head)) report(node, head.slice(0, 40)); },
      CallExpression: (node) => {
        const c = node.callee;
        if (c.type === 'Identifier' && c.name === 'stmt') report(node, 'stmt(…)');
        if (c.type === 'MemberExpression' && !c.computed && ['prepare', 'pragma'].includes(c.property.name)) report(node, `.${c.property.name}(…)`);
      },
    };
  },
};

export const stationPlugin = { rules: { layers, 'sql-in-stores': sqlInStores } };
