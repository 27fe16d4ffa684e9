/**
 * The dependency graph's rules, checked by `npm run lint`: the direction producer → queue → worker → engine →
 * aggregator → db reads from the folders only while no module imports against it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved without the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-never-import-apps',
      comment: 'Apps are thin wiring over packages; a package that reaches into an app inverts the flow.',
      severity: 'error',
      from: { path: '^(packages|migrations)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'engine-imports-nothing-of-the-fleet',
      comment: 'The engine is pure and deterministic; its shipped code depends on no other workspace package.',
      severity: 'error',
      from: { path: '^packages/engine/src/' },
      to: { path: '^(apps|migrations|packages/(?!engine/))' },
    },
    {
      name: 'contracts-import-no-fleet-package',
      comment: 'Both sides of every boundary import contracts, so contracts can import none of them.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^(apps|migrations|packages/(?!contracts/))' },
    },
    {
      name: 'db-never-imports-engine',
      comment: 'Stored results are plain data; the db layer must not need the engine to read or write them.',
      severity: 'error',
      from: { path: '^packages/db/' },
      to: { path: '^packages/engine/' },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import the resolver cannot find is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.turbo)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspace packages resolve to their sources, as the tests and the type checker see them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@fleet/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
    cache: false,
  },
};
