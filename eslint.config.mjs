// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // Only src/extension.ts (the composition root), src/ui/ and src/<concern>/ui/ (the thin shell) may import it.
    files: ['src/**/*.ts', 'test/unit/**/*.ts', 'test/emulator/**/*.ts', 'test/harness/**/*.ts', 'test/bench/**/*.ts'],
    ignores: ['src/extension.ts', 'src/ui/**', 'src/*/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Core modules must not import vscode.' }] }],
    },
  },
);
