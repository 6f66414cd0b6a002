/**
 * Import boundaries by path (`npm run lint:deps`). Each layer of src/ lists what it may import
 * (an allow-list anchored at src/, as Perfetto's import checker does); anything else is an error.
 * ARCHITECTURE.md shows the same table; test/architecture.test.ts checks that they agree.
 *
 *   lib ← model ← import            pure, worker- and Node-safe
 *   model ← store ← session         state, and what the page does with it
 *   store/session ← timeline, views, tables, ui ← app ← main.tsx
 *   i18n (messages, language) uses lib; ui, tables, timeline, views and app use it
 *   node/ (the CLI) uses import + model; generator/ (the synthetic-profile generator) uses model + import
 *
 * Test code (`*.test.ts(x)`, `test-*.ts` helpers) may reach any layer but app/.
 * Type-only imports count like the others, except for cycles: a cycle made only of type imports
 * (zustand's slices naming the whole AppState) is erased at compile time.
 */
const LAYERS = {
  lib: ['lib'],
  model: ['lib', 'model'],
  import: ['lib', 'model', 'import'],
  generator: ['lib', 'model', 'import', 'generator'],
  store: ['lib', 'model', 'store'],
  session: ['lib', 'model', 'import', 'store', 'session'],
  i18n: ['lib', 'i18n'],
  ui: ['lib', 'i18n', 'ui'],
  tables: ['lib', 'model', 'store', 'i18n', 'ui', 'tables'],
  timeline: ['lib', 'model', 'store', 'session', 'i18n', 'ui', 'tables', 'views', 'timeline'],
  views: ['lib', 'model', 'store', 'session', 'i18n', 'ui', 'tables', 'timeline', 'views'],
  app: [
    'lib',
    'i18n',
    'model',
    'import',
    'generator',
    'store',
    'session',
    'ui',
    'tables',
    'timeline',
    'views',
    'app',
  ],
  node: ['lib', 'model', 'import', 'generator', 'node'],
};

/** Modules of import/ that the page's views may use at run time (pure, no worker code). */
const IMPORT_FOR_VIEWS = ['src/import/trace/args-read\\.ts$'];

const TEST_CODE = '(\\.test\\.tsx?$|/test-[^/]+\\.ts$)';
const alt = (dirs) => `^src/(${dirs.join('|')})/`;

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only ${allowed.join(', ')} (see ARCHITECTURE.md).`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: TEST_CODE },
  to: {
    path: '^src/',
    pathNot: [
      alt(allowed),
      // timeline/ and views/ reach import/ through types only (next rule).
      ...(layer === 'timeline' || layer === 'views' ? ['^src/import/'] : []),
    ],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'views-import-types-only',
      comment:
        'timeline/ and views/ use the import layer through types only (and IMPORT_FOR_VIEWS).',
      severity: 'error',
      from: { path: '^src/(timeline|views)/', pathNot: TEST_CODE },
      to: {
        path: '^src/import/',
        pathNot: IMPORT_FOR_VIEWS,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'timeline-draw-pure',
      comment: 'timeline/draw/ is a function of its inputs: no store, session, views or app.',
      severity: 'error',
      from: { path: '^src/timeline/draw/' },
      to: { path: '^src/(store|session|app|tables|views)/' },
    },
    {
      name: 'only-main-imports-app',
      comment: 'app/ is the top: only main.tsx (and app/ itself) import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app/|main\\.tsx$)' },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-circular',
      comment: 'No cycles between files (type-only edges excepted, see above).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    exclude: { path: '(^|/)node_modules/' },
  },
};
// For test/architecture.test.ts (not part of dependency-cruiser's configuration).
Object.defineProperty(module.exports, 'layers', { value: LAYERS, enumerable: false });
