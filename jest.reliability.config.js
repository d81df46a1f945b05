/** `npm run test:reliability`: fault tests that start, stop and kill their own servers. Run in band. */
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // as in jest.config.js: the OTLP/HTTP exporters' import('http') cannot run in Jest's vm
  '/node_modules/@opentelemetry/otlp-exporter-base/.+\\.js$': '<rootDir>/test/support/builtin-import-transform.js',
};
const transformIgnorePatterns = ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'];
module.exports = {
  testTimeout: 180000,
  globalTeardown: '<rootDir>/test/support/reliability-teardown.ts',
  rootDir: __dirname,
  projects: [
    {
      displayName: 'reliability-postgres',
      globalSetup: '<rootDir>/test/support/global-setup-wasm.ts',
      testEnvironment: 'node',
      rootDir: __dirname,
      transform,
      transformIgnorePatterns,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/reliability/**/*.pg.rel-spec.ts'],
      setupFiles: ['<rootDir>/test/support/setup-reliability-postgres.ts'],
    },
    {
      displayName: 'reliability-sqlite',
      globalSetup: '<rootDir>/test/support/global-setup-wasm.ts',
      testEnvironment: 'node',
      rootDir: __dirname,
      transform,
      transformIgnorePatterns,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/reliability/**/*.sqlite.rel-spec.ts', '<rootDir>/test/reliability/**/*.any.rel-spec.ts'],
      setupFiles: ['<rootDir>/test/support/setup-sqlite.ts'],
    },
  ],
};
