/** `npm run test:reliability`: fault tests that start, stop and kill their own servers. Run in band. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  testTimeout: 180000,
  globalTeardown: '<rootDir>/test/support/reliability-teardown.ts',
  rootDir: __dirname,
  projects: [
    {
      displayName: 'reliability-postgres',
      testEnvironment: 'node',
      rootDir: __dirname,
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/reliability/**/*.pg.rel-spec.ts'],
      setupFiles: ['<rootDir>/test/support/setup-reliability-postgres.ts'],
    },
    {
      displayName: 'reliability-sqlite',
      testEnvironment: 'node',
      rootDir: __dirname,
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/reliability/**/*.sqlite.rel-spec.ts', '<rootDir>/test/reliability/**/*.any.rel-spec.ts'],
      setupFiles: ['<rootDir>/test/support/setup-sqlite.ts'],
    },
  ],
};
