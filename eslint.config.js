import { builtinModules } from 'node:module';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';
import stylistic from '@stylistic/eslint-plugin';
import boundaries from './build/eslint/boundaries.js';

// Where code may run decides what it may import (see docs/architecture.md §3, invariant 1).
const electronOnlyInShell = { name: 'electron', message: 'Only electron/main and electron/preload may import electron: core, web host, renderer and shared must run without it.' };
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['.scratch/**', 'node_modules/**', 'out/**', 'dist/**', '.native/**', 'test-results/**', 'playwright-report/**', 'screenshots/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    // The house style, as the code is written (a formatter that reflows zod chains one call a line reads worse).
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.vue'],
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': ['error', { code: 160, tabWidth: 2, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true }],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/indent': ['error', 2, { SwitchCase: 1, flatTernaryExpressions: true, ignoredNodes: ['TemplateLiteral *'] }],
      '@stylistic/eol-last': 'error',
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/object-curly-spacing': ['error', 'always'],
      '@stylistic/arrow-parens': ['error', 'always'],
      '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0 }],
    },
  },
  {
    // Connectors sealed, test helpers kept out of production code, sync/ above staff/ (build/eslint/boundaries.js).
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    plugins: { gangbord: boundaries },
    rules: { 'gangbord/boundaries': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['electron/core/**', 'electron/web/**', 'bench/**', 'tests/**'],
    ignores: ['tests/e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in every process: no Node modules.' }))],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is the ground floor: it imports nothing above it.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node modules.' }))],
        patterns: [{ group: ['**/electron/**'], message: 'The renderer reaches the core only through the contract (renderer/src/api).' }],
      }],
    },
  },
  {
    files: ['build/scripts/**/*.mjs', '*.config.js', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
