// @ts-check
import js from '@eslint/js';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const srcRoot = resolve(dirname(fileURLToPath(import.meta.url)), 'src');

/**
 * The folders of src/ in dependency order: a folder may import only itself and the folders before it, so
 * dependencies point one way (src/extension.ts and src/testApi.ts, the composition, may import them all).
 */
const LAYERS = ['shared', 'ebs', 'ecs', 'credentials', 'regions', 'replication', 'drills', 'evidence', 'verification'];

/** The top folder of src/ a path is in ('' for src/extension.ts, src/testApi.ts and anything outside src/). */
function layerOf(file) {
  const rel = relative(srcRoot, file);
  if (rel.startsWith('..') || !rel.includes(sep)) return '';
  return rel.split(sep)[0];
}

const layers = {
  rules: {
    'one-way': {
      meta: { type: 'problem', schema: [], messages: { upward: 'src/{{from}} must not import src/{{to}}: folders import only those before them ({{order}}).', unknown: 'src/{{from}} is not a known layer; add it to LAYERS in eslint.config.mjs.' } },
      create(context) {
        const from = layerOf(context.filename);
        if (from === '') return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = layerOf(resolve(dirname(context.filename), source));
          if (to === '' || to === from) return;
          const fromIndex = LAYERS.indexOf(from);
          if (fromIndex < 0) return context.report({ node, messageId: 'unknown', data: { from } });
          if (!LAYERS.slice(0, fromIndex).includes(to)) context.report({ node, messageId: 'upward', data: { from, to, order: LAYERS.join(' → ') } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
          CallExpression: (node) => {
            if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-offline/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The pure core must never depend on the VS Code API.
    // Only src/extension.ts and src/testApi.ts (the composition) and src/<concern>/ui/ (the thin shell) may import it.
    files: ['src/**/*.ts', 'test/unit/**/*.ts', 'test/emulator/**/*.ts', 'test/harness/**/*.ts', 'test/bench/**/*.ts'],
    ignores: ['src/extension.ts', 'src/testApi.ts', 'src/*/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Core modules must not import vscode.' }] }],
    },
  },
  {
    // Dependencies between the folders of src/ point one way (see LAYERS).
    files: ['src/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/one-way': 'error' },
  },
);
