import nx from '@nx/eslint-plugin';

// Layering from shared design §2: apps compose runtime, infra, engines, contracts and domain; infra speaks
// contracts and domain; engines and contracts depend only on domain; domain depends on nothing
// outside domain. `type:testing` may be imported by specs only (see the restricted-import rule below).
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:runtime',
      'type:infra',
      'type:engine',
      'type:contract',
      'type:domain',
      'type:testing',
    ],
  },
  // What every NEO service is made of (bus + observability), composed once instead of in each app.
  {
    sourceTag: 'type:runtime',
    onlyDependOnLibsWithTags: ['type:infra', 'type:contract', 'type:domain', 'type:testing'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:testing', 'type:contract', 'type:domain', 'type:infra'],
  },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contract', 'type:domain'] },
  { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:engine', 'type:contract', 'type:domain'],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'tmp/**', '.nx/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/webpack/[\\w-]+$'],
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Test helpers (fake targets, recorders) must never ship inside a service.
    files: ['apps/*/src/**/*.ts', 'libs/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test.ts', 'libs/testing/**', 'apps/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@neo/testing', message: '@neo/testing is for specs only.' }] },
      ],
    },
  },
];
