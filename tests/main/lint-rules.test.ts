// The layering rules exist to stop real mistakes, so prove each one fires on a deliberate violation
// (and stays quiet on the allowed form) using the project's own ESLint configuration.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('the layering lint rules', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'node:fs'],
    ["import { createHash } from 'crypto';\nexport const a = createHash;\n", 'crypto'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'electron'],
    ["import { ref } from 'vue';\nexport const a = ref;\n", 'vue'],
    ["import { x } from '../../main/core';\nexport const a = x;\n", 'a process folder'],
  ])('src/shared may not import %#', async (code) => {
    expect(await ruleIds(code, 'src/shared/graph/violation.ts')).toContain('no-restricted-imports');
  });

  it('src/shared may not use DOM or Node globals', async () => {
    expect(await ruleIds('export const t = document.title;\n', 'src/shared/graph/violation.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const p = process.platform;\n', 'src/shared/graph/violation.ts')).toContain('no-restricted-globals');
  });

  it('src/shared may import other shared modules', async () => {
    const code = "import { ok } from '../ipc/result';\nexport const a = ok;\n";
    expect(await ruleIds(code, 'src/shared/graph/allowed.ts')).toEqual([]);
  });

  it('src/renderer may not import src/main, Electron or Node', async () => {
    for (const code of [
      "import { createMainCore } from '../../main/core';\nexport const a = createMainCore;\n",
      "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
    ]) {
      expect(await ruleIds(code, 'src/renderer/src/stores/violation.ts')).toContain('no-restricted-imports');
    }
  });

  it('src/cli may not import Electron, the renderer or the preload, and may import main and shared', async () => {
    for (const code of [
      "import { app } from 'electron';\nexport const a = app;\n",
      "import { useLookupStore } from '../renderer/src/stores/lookup';\nexport const a = useLookupStore;\n",
      "import { api } from '../preload/index';\nexport const a = api;\n",
    ]) {
      expect(await ruleIds(code, 'src/cli/violation.ts')).toContain('no-restricted-imports');
    }
    const allowed = "import { createTipClient } from '../main/tip';\nimport { extractIndicators } from '../shared/indicators';\nimport { readFile } from 'node:fs/promises';\nexport const a = [createTipClient, extractIndicators, readFile];\n";
    expect(await ruleIds(allowed, 'src/cli/allowed.ts')).toEqual([]);
  });

  it('only services/bridge.ts touches window.workbench', async () => {
    const code = 'export const info = () => window.workbench.app.info();\n';
    expect(await ruleIds(code, 'src/renderer/src/stores/violation.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds(code, 'src/renderer/src/services/bridge.ts')).not.toContain('no-restricted-syntax');
  });

  it('raw ipcMain.handle/on is allowed only inside the IPC wrapper', async () => {
    const code = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\nipcMain.on('y', () => 1);\n";
    const outside = await ruleIds(code, 'src/main/violation.ts');
    expect(outside.filter((id) => id === 'no-restricted-syntax')).toHaveLength(2);
    expect(await ruleIds(code, 'src/main/ipc/register.ts')).not.toContain('no-restricted-syntax');
  });
});
