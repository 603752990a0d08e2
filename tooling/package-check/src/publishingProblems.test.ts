import { type PublishedManifest, publishingProblems } from './publishingProblems';

const good: PublishedManifest = {
  name: '@mlops/drift',
  license: 'MIT',
  repository: { type: 'git', directory: 'packages/drift' },
  files: ['dist'],
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  publishConfig: { access: 'public' },
  dependencies: { '@mlops/features': 'workspace:*' },
};

test('a library with every publishing field has no problem', () => {
  expect(publishingProblems(good, 'packages/drift', new Set(['@mlops/logger']))).toEqual([]);
});

test('names each missing field and the dependency on a private package', () => {
  const problems = publishingProblems(
    {
      ...good,
      private: true,
      license: undefined,
      exports: { '.': './dist/index.js' },
      dependencies: { '@mlops/logger': 'workspace:*' },
    },
    'packages/drift',
    new Set(['@mlops/logger']),
  );
  expect(problems).toEqual([
    '@mlops/drift: "private": true: remove it to publish',
    '@mlops/drift: no "license": set one (the repository\'s licence)',
    '@mlops/drift: "exports"."." needs "types" and "default" (one CommonJS build serves import and require)',
    '@mlops/drift: depends on @mlops/logger, which is private: publish it too or drop the dependency',
  ]);
});
