// `pnpm test:postgres`: the tests that need a PostgreSQL server (several connections or
// processes at once), plus every PostgreSQL test again with the server as a backend.
module.exports = {
  preset: '@mlops/jest-preset',
  testMatch: ['**/*.server.test.ts', '**/postgres/**/*.test.ts', '**/*.conformance.test.ts'],
};
