// Lint rules that keep the process split honest (ARCHITECTURE.md): src/shared imports no Node, DOM
// or Electron module; src/renderer never imports src/main; raw ipcMain.handle/on lives only in the
// IPC wrapper; only services/bridge.ts touches window.workbench; src/cli imports no Electron,
// renderer or preload code. tests/main/lint-rules.test.ts
// proves each rule fires on a deliberate violation.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const rawIpcMain = {
  selector:
    "MemberExpression[object.name='ipcMain'][property.name=/^(handle|handleOnce|on|once|addListener|prependListener)$/]",
  message: 'Register IPC handlers through src/main/ipc/register.ts (sender check + validation), never raw ipcMain.',
};

const rawBridge = {
  selector: "MemberExpression[object.name=/^(window|globalThis|self)$/][property.name='workbench']",
  message: 'Only src/renderer/src/services/bridge.ts touches window.workbench; go through the bridge service.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] },
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', rawIpcMain],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src/main/ipc/register.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'vue', 'pinia', 'dexie', 'cytoscape', 'keytar'].map((name) => ({
            name,
            message: 'src/shared is pure TypeScript: no Node, DOM, Electron or UI imports.',
          })),
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared never imports a process folder.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'process', 'Buffer', 'require'].map(
          (name) => ({ name, message: 'src/shared runs in every process: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'keytar'].map((name) => ({
            name,
            message: 'The renderer is a sandboxed web page: no Node or Electron modules.',
          })),
          patterns: [
            { group: ['**/main/**', '**/preload/**'], message: 'src/renderer never imports src/main or src/preload; use the bridge.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', rawIpcMain, rawBridge],
    },
  },
  {
    files: ['src/renderer/src/services/bridge.ts'],
    rules: { 'no-restricted-syntax': ['error', rawIpcMain] },
  },
  {
    // The command line is plain Node: Electron would try to download its binary and throw, and the
    // renderer and preload are other processes' code.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/cli runs in plain Node: no Electron (reuse src/main modules that do not import it).' }],
          patterns: [
            { group: ['electron/*'], message: 'src/cli runs in plain Node: no Electron.' },
            { group: ['**/renderer/**', '**/preload/**'], message: 'src/cli never imports src/renderer or src/preload; shared code lives in src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only the contract.' }] },
      ],
    },
  },
);
