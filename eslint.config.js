// ESLint flat config. Architecture rules live here: imports point one way
// (lib ← model ← import; model ← store ← app/timeline/tables/views), and the import layer and
// the canvas drawing code stay free of React, the store and the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noReact = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'This layer has no React and no store.',
};
const layer = (dirs, message) => ({
  group: dirs.flatMap((d) => [`**/${d}/*`, `**/${d}`]),
  message,
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'fixtures',
      'test-results',
      'playwright-report',
      '.bench-cache',
      '.scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // Trace data is untrusted: it is only ever rendered as text.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render trace data as text only.',
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Render trace data as text only.',
        },
        {
          selector: "AssignmentExpression[left.property.name='outerHTML']",
          message: 'Render trace data as text only.',
        },
      ],
    },
  },
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            layer(
              ['model', 'import', 'store', 'app', 'timeline', 'tables', 'views', 'ui'],
              'lib depends on nothing.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            layer(
              ['import', 'store', 'app', 'timeline', 'tables', 'views', 'ui'],
              'model depends only on lib.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/import/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            layer(
              ['store', 'app', 'timeline', 'tables', 'views', 'ui'],
              'import/ runs in workers and Node: no UI layers.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(['app', 'timeline', 'tables', 'views', 'ui'], 'store knows no components.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/timeline/draw/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReact,
            layer(['store', 'app', 'tables', 'views'], 'drawing is a function of its inputs.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              ['model', 'import', 'store', 'app', 'timeline', 'tables', 'views'],
              'ui/ is generic: nothing app-specific.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  { files: ['eslint.config.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
