// `pnpm test:postgres` (mlops-test-postgres of @mlops/testkit): the trainer on a PostgreSQL server.
module.exports = {
  preset: '@mlops/jest-preset',
  testMatch: ['**/*.server.test.ts'],
};
