import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layering rules live in eslint.config.js; this proves they fire, so a config change that
// silently drops one fails here rather than letting `electron` creep into the core.
const eslint = new ESLint();

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
