import { dockerignoreMatcher } from './dockerignore';

test('ignores folders and everything under them, with ** and ! exceptions', () => {
  const ignored = dockerignoreMatcher('# comment\n**/node_modules\n.mlops\n.env*\n!.env.example\n**/*.log\n');
  expect(ignored('node_modules')).toBe(true);
  expect(ignored('apps/api/node_modules/express/index.js')).toBe(true);
  expect(ignored('.mlops/registry/models')).toBe(true);
  expect(ignored('.env')).toBe(true);
  expect(ignored('.env.local')).toBe(true);
  expect(ignored('.env.example')).toBe(false);
  expect(ignored('apps/api/debug.log')).toBe(true);
  expect(ignored('apps/api/src/main.ts')).toBe(false);
  expect(ignored('./pipeline.yaml')).toBe(false);
});
