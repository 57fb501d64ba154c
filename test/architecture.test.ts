import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layering rules live in eslint.config.js; this proves they fire, so a config change that
// silently drops one fails here rather than letting `electron` creep into the core.
const eslint = new ESLint();

async function messagesOf(filePath: string, source: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}
const restricted = (filePath: string, source: string) => messagesOf(filePath, source, 'no-restricted-imports');
const crossing = (filePath: string, source: string) => messagesOf(filePath, source, 'station/layers');
const sql = (filePath: string, source: string) => messagesOf(filePath, source, 'station/sql-in-stores');

describe('layering rules', () => {
  it('refuses electron in the station core', async () => {
    expect(await restricted('main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('main/storage/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('allows electron in the Electron host only', async () => {
    expect(await restricted('main/hosts/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
  });

  it('refuses Node modules, the database and core internals in the renderer', async () => {
    expect(await restricted('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import fs from 'fs';\nexport const r = fs;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { openStation } from '../../main/station';\nexport const o = openStation;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { channels } from '../../main/contract/channels';\nexport const c = channels;\n")).toHaveLength(0);
  });

  it('refuses React in hardware drivers', async () => {
    expect(await restricted('hardware/printers/x.ts', "import { useState } from 'react';\nexport const u = useState;\n")).toHaveLength(1);
  });
});

describe('which part of the tree may import which', () => {
  it('keeps the core free of every other part of main/, and of Node', async () => {
    expect(await crossing('main/core/x.ts', "import { channels } from '../contract/channels';\nexport const c = channels;\n")).toHaveLength(1);
    expect(await crossing('main/core/calendar/x.ts', "import { openDatabase } from '../../storage/database';\nexport const o = openDatabase;\n")).toHaveLength(1);
    expect(await crossing('main/core/x.ts', "import { toVietnamLocal } from './time';\nexport const t = toVietnamLocal;\n")).toHaveLength(0);
    expect(await restricted('main/core/x.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n")).toHaveLength(1);
  });

  it('keeps features apart: no feature imports another, or the composition root', async () => {
    expect(await crossing('main/signing/x.ts', "import { slipHandlers } from '../intake/slip-handlers';\nexport const s = slipHandlers;\n")).toHaveLength(1);
    expect(await crossing('main/signing/x.ts', "import { openStation } from '../station';\nexport const o = openStation;\n")).toHaveLength(1);
    expect(await crossing('main/scanning/x.ts', "import { signingFeature } from '../signing';\nexport const f = signingFeature;\n")).toHaveLength(1);
    expect(await crossing('main/signing/x.ts', "import type { StationContext } from '../feature';\nimport { slipDataOf } from '../forms/receipt-slip-data';\nexport type C = StationContext;\nexport const s = slipDataOf;\n")).toHaveLength(0);
  });

  it('refuses a folder of main/ that is neither a shared layer nor a registered feature', async () => {
    expect(await crossing('main/newthing/x.ts', "import { toVietnamLocal } from '../core/time';\nexport const t = toVietnamLocal;\n")).toHaveLength(1);
  });

  it('lets the renderer reach only the contract and the core', async () => {
    expect(await crossing('renderer/src/x.ts', "import type { Bridge } from '../../preload/index';\nexport type B = Bridge;\n")).toHaveLength(1);
    expect(await crossing('renderer/src/x.ts', "import { formatDate } from '../../main/core/format';\nexport const f = formatDate;\n")).toHaveLength(0);
    expect(await crossing('renderer/src/x.ts', "import { intakeFeature } from '../../main/intake';\nexport const i = intakeFeature;\n")).toHaveLength(1);
  });
});

describe('SQL only in stores', () => {
  const query = "export const q = (db: { prepare(s: string): unknown }) => db.prepare('SELECT id FROM dossiers WHERE code = ?');\n";
  it('refuses SQL in a feature file, a host or the core', async () => {
    expect(await sql('main/sync/x.ts', query)).not.toHaveLength(0);
    expect(await sql('main/hosts/web/x.ts', "export const s = `UPDATE outbox SET state = 'pending'`;\n")).toHaveLength(1);
    expect(await sql('main/signing/x.ts', "import { stmt } from '../storage/statements';\nexport const f = (db: never) => stmt(db, 'x');\n")).toHaveLength(1);
  });

  it('allows it in main/storage/ and in a feature\'s own store', async () => {
    expect(await sql('main/storage/x-store.ts', query)).toHaveLength(0);
    expect(await sql('main/scanning/scan-store.ts', query)).toHaveLength(0);
    expect(await sql('main/portal/simulator/store.ts', query)).toHaveLength(0);
  });

  it('tells a statement from a sentence that starts like one', async () => {
    expect(await sql('main/sync/x.ts', "export const s = 'Create an account for the officer';\nexport const u = 'Update the settings, then select a token from the list';\n")).toHaveLength(0);
    expect(await sql('main/sync/x.ts', "export const s = 'create table t (a)';\n")).toHaveLength(1);
  });
});
