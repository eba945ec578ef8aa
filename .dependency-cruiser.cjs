/**
 * The layers of mnc, checked in `npm test` (dependency-cruiser).
 *   src/engine   the explorer: imports nothing outside itself
 *   src/*        the generic tool (random, shrink, replay, conform, report, parallel, sweep, util):
 *                never the model or the properties; only src/cli wires them
 *   model/       the kernel model: the engine's model contract only; model/mm's own files import none of its subfolders
 *   properties/  the contract: the engine's property contract and the model's state
 *   model/toy/   toy models for the engine's tests and benchmarks: the engine only; the product never imports them
 *   bench/       benchmarks: every layer below the CLI, of src/cli only the public API (api.ts, or its build in dist/), never test/
 * Type-only imports count (tsPreCompilationDeps): `import type` is an import too.
 */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-closed',
      comment: 'src/engine knows nothing outside itself (stateright-style core).',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { pathNot: ['^src/engine/', '^node_modules/', 'node:'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'engine-side-does-not-import-model',
      comment: 'Only src/cli meets the model and the properties.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: ['^model/', '^properties/'] },
    },
    {
      name: 'model-uses-engine-contract-only',
      comment:
        'The model sees the engine through its contract (Model.ts, Property.ts, PartialOrder.ts: the footprints it offers the reduction; murmur32.ts: the hash its keys share with fingerprints), never the explorers or the CLI.',
      severity: 'error',
      from: { path: '^model/' },
      // and the triage contract its list of known findings fills (model/findings/KNOWN_FINDINGS.ts, a type only)
      to: { path: '^src/', pathNot: ['^src/engine/(Model|Property|PartialOrder|murmur32)\\.ts$', '^src/triage/KnownFinding\\.ts$'] },
    },
    {
      name: 'no-upward-from-tests',
      comment: 'Nothing in the product imports tests, benchmarks or the toy models (model/toy/).',
      severity: 'error',
      from: { path: ['^src/', '^model/', '^properties/'], pathNot: '^model/toy/' },
      to: { path: ['^test/', '^bench/', '^model/toy/'] },
    },
    {
      name: 'toy-models-use-engine-only',
      comment: 'The toy models of model/toy/ exercise the engine: they import the engine and each other, nothing else.',
      severity: 'error',
      from: { path: '^model/toy/' },
      to: { pathNot: ['^model/toy/', '^src/engine/', '^node_modules/', 'node:'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'bench-does-not-import-tests',
      comment: 'A benchmark measures the product: what it shares with the tests lives in model/toy/ (the toy models), not test/.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'bench-uses-cli-api-only',
      comment:
        'A benchmark is a program using mnc: of src/cli, the one place that wires engine, model and properties, it imports only the public API (api.ts).',
      severity: 'error',
      from: { path: '^bench/' },
      // its source (a .ts benchmark) or its build (a .mjs one imports dist/, statically so that this rule sees it)
      to: { path: ['^src/cli/', '(^|/)dist/src/cli/'], pathNot: ['^src/cli/api\\.ts$', '(^|/)dist/src/cli/api\\.js$'] },
    },
    {
      name: 'mm-state-below-its-programs',
      comment:
        'The files of model/mm itself (state, page tables, locks, TLB) sit below its subfolders (step/, fault/, notifier/, footprint/), which import them: a folder-level cycle otherwise. A list of programs or a step helper goes into the folder that uses it.',
      severity: 'error',
      from: { path: '^model/mm/[^/]+$' },
      to: { path: '^model/mm/[^/]+/' },
    },
    {
      name: 'mm-footprint-below-step',
      comment:
        'model/mm/footprint (the Footprint type, the recording proxy, what a thread or a property may touch) sits below model/mm/step, whose steps record through it: a folder-level cycle otherwise. What runs steps and judges their footprints (model/mmPartialOrder.ts) sits above both.',
      severity: 'error',
      from: { path: '^model/mm/footprint/' },
      to: { path: '^model/mm/step/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycle, type-only edges included (tsPreCompilationDeps): a shared type goes into a leaf file.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // dist/ (the build a .mjs benchmark imports) is a leaf: seen as a dependency, never cruised
    doNotFollow: { path: ['node_modules', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['^node_modules/', '^test/fixtures/'] },
  },
};
