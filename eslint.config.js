// ESLint flat config. The import boundaries between folders are path-anchored allow-lists in
// .dependency-cruiser.cjs (see ARCHITECTURE.md); this file keeps the pure layers (lib, model,
// import) and the canvas drawing code free of React and the store.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noReact = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'This layer has no React and no store.',
};

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
      'wasm', // AssemblyScript (compiled by scripts/build-scan-wasm.ts)
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
  // Which folder may import which is checked by path in .dependency-cruiser.cjs (`npm run
  // lint:deps`, allow-lists per layer and no cycles). Here only the packages: the pure layers and
  // the canvas drawing code use no React and no store.
  {
    files: ['src/lib/**', 'src/model/**', 'src/import/**', 'src/timeline/draw/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noReact] }] },
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
  // Plain scripts outside the TypeScript project (deploy/embed-example.js is served as is).
  {
    files: ['eslint.config.js', '**/*.mjs', '**/*.cjs', 'deploy/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
