// @ts-check
/**
 * ESLint (flat config, `npm run lint`, part of `npm test`): ESLint's and
 * typescript-eslint's recommended rules with type information, which adds
 * the promise rules (no-floating-promises, no-misused-promises) and the
 * any-leak rules (no-unsafe-*), plus a few house rules. Tests parse CLI output with JSON.parse, so the no-unsafe-* rules
 * are off there. No formatting rules (line width etc. are Prettier's).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The Node globals the few plain JavaScript files use. */
const node = { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', module: 'writable', require: 'readonly' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test/fixtures/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: 'error',
      // An async function without await is how a Promise-returning interface is implemented here (a throw becomes a rejection).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // A step writes the shared state and its thread's parts only through model/mm/mutate.ts (copy on write); casting a part
    // to a writable type to write it in place would change every state sharing it (the madvise_free bug, test/model/mm/cowChecked.test.ts).
    files: ['model/**', 'properties/**'],
    ignores: ['model/mm/mutate.ts', 'model/mm/canonicalState.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > MemberExpression.expression[object.type='MemberExpression'][object.property.name='s']",
          message: 'write the state through model/mm/mutate.ts (mutFrame, mutPool, ...), not through a cast of c.s.<part>',
        },
        {
          selector: "TSAsExpression > MemberExpression.expression[object.type='MemberExpression'][object.property.name='t'][property.name!='rv']",
          message: "write the running thread's parts through model/mm/mutate.ts (mutHeld, mutRanges, mutTopLocals, ...), not through a cast of c.t.<part>",
        },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Outside tsconfig.json: linted without type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'vitest.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
