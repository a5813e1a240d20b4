/** Module boundaries from ARCHITECTURE.md and STYLE.md §2, checked by `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'platform-not-to-modules',
      severity: 'error',
      comment: 'src/platform is the foundation: it never imports a module (or the web layer).',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|web)/' },
    },
    {
      name: 'modules-through-index-only',
      severity: 'error',
      comment: "A module is imported only through its index.ts, never into another module's internals.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-through-index-only',
      severity: 'error',
      comment: 'App wiring, CLI and web pages use modules through their index.ts only.',
      from: { path: '^src/', pathNot: '^src/modules/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'leaf-modules-import-platform-only',
      severity: 'error',
      comment: 'catalog, customers, payments, orders, inventory and staff depend on platform only (STYLE.md §2).',
      from: { path: '^src/modules/(catalog|customers|payments|orders|inventory|staff)/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'modules-not-to-web-or-app',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(web/|app\\.ts|cli)' },
    },
    {
      name: 'loadtest-talks-http-only',
      severity: 'error',
      comment: 'crest loadtest drives a store over HTTP only: src/loadtest imports no module, platform, web or app code.',
      from: { path: '^src/loadtest/' },
      to: { path: '^src/(modules|platform|web|sandbox|cli|app\\.ts|cli\\.ts)' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
}
