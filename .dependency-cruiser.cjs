/**
 * The floors of the code, checked on the module graph a real resolver builds (dependency-cruiser, with
 * TypeScript and the package's `#commons/`, `#shared/` and `#events/` imports): what each layer may
 * import. test/unit/dependencies.test.ts runs it; `npx depcruise shared functions events infra web/src
 * local` shows the same from a shell. Rules that need an import's names (an SDK command sent outside
 * the stores) stay in test/unit/architecture.test.ts.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain holds rules only: no store, no HTTP kit, no use case, no AWS or runtime code.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: {
        path: '^(shared/(store|commons|use-cases|outbound)|events)/|node_modules/(@aws-sdk|@middy|@aws-lambda-powertools)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'contract-is-pure',
      comment:
        'The API contract (request and answer schemas, the operations) holds zod schemas over the domain only: the pages, the handlers and the OpenAPI document read it.',
      severity: 'error',
      from: { path: '^shared/contract/' },
      to: {
        path: '^(shared/(store|commons|use-cases|outbound|fair)|events|functions|infra|local)/|node_modules/(@aws-sdk|@middy|@aws-lambda-powertools)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'use-cases-off-http',
      comment: 'Use cases refuse with domain errors; the HTTP layer answers.',
      severity: 'error',
      from: { path: '^shared/use-cases/' },
      to: { path: '^shared/commons/http/' },
    },
    {
      name: 'use-cases-off-handler-kit',
      comment: "Clock, config and clients come in a use case's dependencies (CSV is a format, not a runtime).",
      severity: 'error',
      from: { path: '^shared/use-cases/' },
      to: { path: '^shared/commons/', pathNot: '^shared/commons/csv[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'stores-below-use-cases',
      comment: 'A store knows its table, never the rules that use it.',
      severity: 'error',
      from: { path: '^shared/store/' },
      to: { path: '^shared/use-cases/' },
    },
    {
      name: 'functions-apart',
      comment: 'A function never imports another: what two share lives in shared/.',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: '^functions/$1/' },
    },
    {
      name: 'code-off-local-and-infra',
      comment: 'What deploys never reaches the local runtime or the infrastructure.',
      severity: 'error',
      from: { path: '^(functions|shared|events)/' },
      to: { path: '^(local|infra)/' },
    },
    {
      name: 'infra-reads-names-only',
      comment:
        'Infrastructure reads index names, resource variables, the fair file and the API contract (its routes come from the operations table) from the code; nothing that loads a store or a handler.',
      severity: 'error',
      from: { path: '^infra/' },
      to: {
        path: '^(shared|events|functions)/',
        pathNot:
          '^shared/((store/index-names|commons/config|commons/function-resources|fair/fair-file)[.]ts|contract/)',
      },
    },
    {
      name: 'pages-share-the-domain-and-contract-only',
      comment: 'The pages share only the pure domain and the API contract with the server.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^(shared|events|functions|infra|local)/', pathNot: '^shared/(domain|contract)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(cdk[.]out|dist|[.]data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
