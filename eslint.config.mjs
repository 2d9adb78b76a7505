import { defineConfig } from 'eslint/config';
import importPlugin from 'eslint-plugin-import';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      '**/*.generated.*',
      '.config/',
      '**/.scratch*/',
    ],
  },
  ...baseConfig,
  {
    // contract/ is the vocabulary everything else imports: it imports nothing of ours.
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./', message: 'contract/ imports nothing outside contract/.' }] },
      ],
    },
  },
  {
    // backend/ talks to the operator through Kubernetes objects: of the operator's code it may import only the
    // API types (pkg-operator/src/api) and the resource names (pkg-operator/src/kube/resources).
    files: ['backend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)pkg-operator/(?!src/api(/[a-z-]+)?$|src/kube/resources$)',
              message: 'backend/ may import only pkg-operator/src/api and pkg-operator/src/kube/resources.',
            },
          ],
        },
      ],
    },
  },
  {
    // src/ is browser code: it may import the contract, the pure parts of rules/, the backend's API types and the
    // operator's API types, and must never call Grafana's query API by URL (the plugin validator rejects it).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto'], message: 'src/ runs in the browser.' },
            {
              regex: '(^|/)backend/(?!api/types$)',
              message: 'src/ may import only backend/api/types from the backend.',
            },
            {
              regex: '(^|/)pkg-operator/(?!src/api$)',
              message: 'src/ may import only pkg-operator/src/api from the operator.',
            },
            {
              group: [
                '**/rules/render/**',
                '**/rules/outputs',
                '**/rules/generate',
                '**/rules/promql-refs',
                '**/rules/*.test',
              ],
              message:
                'src/ may import only the pure rules modules (config, definition, model, promql, recorded, slo, alerts).',
            },
            {
              group: ['**/local/**', '**/tests/**', '**/scripts/**', '**/.config/**'],
              message: 'test and tooling code is not part of the app.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/\\/api\\/ds\\/query/]',
          message: 'Query through Scenes query runners or the datasource service, not /api/ds/query.',
        },
        {
          selector: 'TemplateElement[value.raw=/\\/api\\/ds\\/query/]',
          message: 'Query through Scenes query runners or the datasource service, not /api/ds/query.',
        },
      ],
    },
  },
  {
    // Lint the node-side TypeScript too (operator, runtimes, contract, rules, backend, tests), not only src/.
    files: ['**/*.ts'],
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One import layout everywhere: node built-ins, packages, then our own modules from farthest to nearest, and
    // types imported as types so a reader (and the bundler) can tell them from runtime dependencies.
    files: ['**/*.{ts,tsx}'],
    plugins: { import: importPlugin },
    rules: {
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      // import/no-duplicates understands `import type` beside a value import of the same module; the core rule does not.
      'no-duplicate-imports': 'off',
      'import/no-duplicates': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // A spec's long waits go through support/eventually, which lengthens the test's timeout by the wait: a bare
    // toPass longer than the test timeout is cut off by it.
    files: ['tests/e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='toPass']",
          message: 'Wait with eventually() from ./support/eventually, so the test timeout covers the wait.',
        },
      ],
    },
  },
  {
    // The local host's web bundle compiles JSX with the automatic runtime (tsconfig "jsx": "react-jsx").
    files: ['local/host/web/**/*.tsx'],
    rules: { 'react/react-in-jsx-scope': 'off', 'react/jsx-uses-react': 'off' },
  },
]);
