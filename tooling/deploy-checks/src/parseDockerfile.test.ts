import { keyValues, parseDockerfile } from './parseDockerfile';

test('joins continuation lines, reads flags, the JSON form and stage names', () => {
  const parsed = parseDockerfile(
    [
      'ARG BASE=node:20',
      `FROM \${BASE} AS build`,
      'RUN --mount=type=cache,target=/x pnpm install \\',
      '  # a comment inside the continuation',
      '  --frozen-lockfile',
      `FROM \${BASE}`,
      'COPY --from=build --chown=node:node /out/dist ./dist',
      'CMD ["node", "dist/main.js"]',
    ].join('\n'),
  );
  expect(parsed.args).toEqual({ BASE: 'node:20' });
  expect(parsed.stages.map((s) => s.name)).toEqual(['build', '1']);
  const run = parsed.stages[0].instructions[0];
  expect(run.flags).toEqual({ mount: 'type=cache,target=/x' });
  expect(run.words).toEqual(['pnpm', 'install', '--frozen-lockfile']);
  expect(run.line).toBe(3);
  const [copy, cmd] = parsed.stages[1].instructions;
  expect(copy.flags).toEqual({ from: 'build', chown: 'node:node' });
  expect(copy.words).toEqual(['/out/dist', './dist']);
  expect(cmd.words).toEqual(['node', 'dist/main.js']);
});

test('reads ENV in both the KEY=value and the legacy KEY value forms', () => {
  expect(keyValues(['NODE_ENV=production', 'A="b c"'])).toEqual({ NODE_ENV: 'production', A: 'b c' });
  expect(keyValues(['NODE_ENV', 'production'])).toEqual({ NODE_ENV: 'production' });
});
