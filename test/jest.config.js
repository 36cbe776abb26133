// One jest run for the whole repo, in two projects: every suite with events on the in-process bus,
// and the service API suites (apps/*/test/*.api.spec.ts) once more with their services on the real
// Kafka broker. Infrastructure (embedded Postgres, the broker, Keycloak) is started once in globalSetup;
// suites that need Kafka are named *.kafka.spec.ts or run in the kafka project, suites that need
// Keycloak *.keycloak.spec.ts.
const { kafkaSuitesEnabled } = require('./support/kafka-availability');
const { keycloakSuitesEnabled } = require('./support/keycloak-availability');

const root = require('path').resolve(__dirname, '..');
const onKafka = kafkaSuitesEnabled();
const onKeycloak = keycloakSuitesEnabled();
const ESM_ONLY = ['jose', 'oidc-provider'];

const common = {
  rootDir: root,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
    // Packages published as ES modules only (jose 6, oidc-provider 9): jest's CommonJS runtime cannot
    // require them on Node 20 (node itself can, since 20.19), so their files are transpiled to CommonJS for the tests.
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true }, diagnostics: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: {
    '^@jiuzhu/common/(.*)$': '<rootDir>/libs/common/src/$1',
    '^@jiuzhu/(audit|auth|common|contracts|messaging|parameters|persistence|platform)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 60000,
  setupFilesAfterEnv: ['<rootDir>/test/support/after-each-file.ts'],
};

module.exports = {
  rootDir: root,
  projects: [
    {
      ...common,
      displayName: 'main',
      testRegex: '\\.spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', '/dist/', ...(onKafka ? [] : ['\\.kafka\\.spec\\.ts$']), ...(onKeycloak ? [] : ['\\.keycloak\\.spec\\.ts$'])],
    },
    ...(onKafka
      ? [
          {
            ...common,
            displayName: 'kafka',
            testRegex: '/apps/[^/]+/test/[^/]+\\.api\\.spec\\.ts$',
            testPathIgnorePatterns: ['/node_modules/', '/dist/'],
            setupFiles: ['<rootDir>/test/support/events-on-kafka.js'],
          },
        ]
      : []),
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/keycloak-last-sequencer.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
