// One jest run for the whole repo. Infrastructure (embedded Postgres, the Kafka broker) is started
// once in globalSetup; suites that need Kafka are named *.kafka.spec.ts.
const { kafkaSuitesEnabled } = require('./support/kafka-availability');

const root = require('path').resolve(__dirname, '..');
const ignore = ['/node_modules/', '/dist/'];
if (!kafkaSuitesEnabled()) ignore.push('\\.kafka\\.spec\\.ts$');

module.exports = {
  rootDir: root,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testEnvironment: 'node',
  testRegex: '\\.spec\\.ts$',
  testPathIgnorePatterns: ignore,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@jiuzhu/common/(.*)$': '<rootDir>/libs/common/src/$1',
    '^@jiuzhu/(common|contracts|messaging|parameters|persistence|platform)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
