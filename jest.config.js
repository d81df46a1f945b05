/**
 * Three projects: plain unit tests, and the integration + e2e suites run twice — once on SQLite and
 * once on PostgreSQL (TEST_DATABASE_URL). The driver is chosen per project before any module loads,
 * because entity column types are resolved at import time.
 */
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // see the transformer: the OTLP/HTTP exporters' import('http') cannot run in Jest's vm
  '/node_modules/@opentelemetry/otlp-exporter-base/.+\\.js$': '<rootDir>/test/support/builtin-import-transform.js',
};
const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  // the client from its sources, whose relative imports name the .js they compile to
  moduleNameMapper: { '^@neuralops/client$': '<rootDir>/packages/client/src/index.ts', '^(\\.{1,2}/.*)\\.js$': '$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
};
const dbSuites = ['<rootDir>/test/integration/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'];

module.exports = {
  testTimeout: 60000,
  // most suites wait on servers, browsers and databases rather than compute: two workers even on two
  // cores (Jest's default there is one) roughly halve the wall time; JEST_WORKERS overrides
  maxWorkers: process.env.JEST_WORKERS || Math.max(2, require('node:os').availableParallelism() - 1),
  projects: [
    {
      ...base,
      displayName: 'unit',
      globalSetup: '<rootDir>/test/support/global-setup-wasm.ts',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/packages/*/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts', '<rootDir>/test/nab/**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/support/setup-unit.ts'],
    },
    {
      ...base,
      displayName: 'sqlite',
      globalSetup: '<rootDir>/test/support/global-setup-wasm.ts',
      testMatch: dbSuites,
      setupFiles: ['<rootDir>/test/support/setup-sqlite.ts'],
    },
    {
      ...base,
      displayName: 'postgres',
      testMatch: dbSuites,
      testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.sqlite-only\\.'],
      globalSetup: '<rootDir>/test/support/global-setup-postgres.ts',
      setupFiles: ['<rootDir>/test/support/setup-postgres.ts'],
    },
  ],
};
