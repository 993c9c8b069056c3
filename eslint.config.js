// One flat config for the whole repository: type-aware TypeScript rules and the layer
// boundaries of the architecture (core is pure; everything else may use core).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const frameworkImports = [
  '@azure/*',
  '@microsoft/*',
  '@fluentui/*',
  'react',
  'react-dom',
  'jose',
  'vite',
  'node:*',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'tab/dist', 'coverage', '.data', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['./tsconfig.json', './tab/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './core',
              from: ['./functions', './bot', './tab', './scripts', './tests', './content'],
              message: 'core is the pure domain: it imports no outer layer.',
            },
            {
              target: './content',
              from: ['./functions', './bot', './tab', './scripts'],
              message: 'content depends only on core.',
            },
            {
              target: './bot',
              from: ['./functions', './tab', './scripts'],
              message: 'the bot uses core, not the Functions app or the tab.',
            },
            {
              target: './tab',
              from: ['./functions', './bot', './scripts'],
              message: 'the tab talks to the backend over HTTP only.',
            },
            {
              target: './functions',
              from: ['./tab', './scripts', './tests'],
              message: 'the backend does not import the tab, dev scripts or tests.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: frameworkImports, message: 'core/ is pure: no I/O and no framework imports.' }],
        },
      ],
    },
  },
  {
    // Core's tests may read the real content (data) to test the engine on it.
    files: ['core/**/*.test.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [{ target: './core', from: ['./functions', './bot', './tab', './scripts', './tests'] }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
