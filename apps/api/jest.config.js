// `*.server.test.ts` need a PostgreSQL server: `pnpm test:postgres` runs them (jest.postgres.config.js).
module.exports = {
  preset: '@mlops/jest-preset',
  testPathIgnorePatterns: ['/node_modules/', '\\.server\\.test\\.ts$'],
};
