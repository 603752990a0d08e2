import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDockerfile } from './checkDockerfile';

let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function pkg(dir: string, name: string, deps: string[], extra: Record<string, unknown> = {}): void {
  write(
    `${dir}/package.json`,
    JSON.stringify({
      name,
      exports: { '.': { default: './dist/index.js' } },
      files: ['dist'],
      scripts: { build: 'tsc' },
      dependencies: Object.fromEntries(deps.map((d) => [d, 'workspace:*'])),
      ...extra,
    }),
  );
}

/** The shape of the repo's own Dockerfiles, for the fixture app @x/web. */
const GOOD = `# syntax=docker/dockerfile:1
ARG NODE_IMAGE=node:20-bookworm-slim
FROM \${NODE_IMAGE} AS prune
WORKDIR /repo
COPY . .
RUN turbo prune @x/web --docker --out-dir /pruned

FROM \${NODE_IMAGE} AS build
ARG PNPM_VERSION=10.0.0
RUN npm install -g "pnpm@\${PNPM_VERSION}"
WORKDIR /repo
COPY --from=prune /pruned/json/ ./
RUN pnpm install --frozen-lockfile
COPY --from=prune /pruned/full/ ./
RUN pnpm turbo run build --filter=@x/web...
RUN pnpm --filter @x/web deploy --prod --legacy /out

FROM \${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /out/node_modules ./node_modules
COPY --from=build /out/dist ./dist
USER node
HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:3000/ready')"]
CMD ["node", "dist/main.js"]
`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
  write('package.json', JSON.stringify({ name: 'root', packageManager: 'pnpm@10.0.0' }));
  write('pnpm-lock.yaml', 'lockfileVersion: 9.0\n');
  write('pnpm-workspace.yaml', 'packages: [apps/*, packages/*]\n');
  write('.dockerignore', '**/node_modules\ndata\n.env\n');
  write('data/train.csv', 'a\n1\n');
  pkg('apps/web', '@x/web', ['@x/a'], { main: 'dist/main.js', exports: undefined, files: undefined });
  write('apps/web/src/main.ts', 'export {};\n');
  pkg('packages/a', '@x/a', ['@x/b']);
  pkg('packages/b', '@x/b', []);
  pkg('packages/unused', '@x/unused', []);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const check = (dockerfile: string, requireHealthcheck = true) => {
  write('apps/web/Dockerfile', dockerfile);
  return checkDockerfile(root, 'apps/web/Dockerfile', { requireHealthcheck });
};

test('accepts a pruned multi-stage build with a production deploy, non-root and a healthcheck', () => {
  expect(check(GOOD)).toEqual([]);
});

test('reports a COPY of a path that does not exist in the build context, with its line', () => {
  const findings = check(GOOD.replace('USER node', 'COPY config/settings.json ./\nUSER node'));
  expect(findings).toEqual([
    {
      rule: 'dockerfile-copy-missing',
      file: 'apps/web/Dockerfile:23',
      message: expect.stringMatching(/COPY config\/settings\.json: no such path/),
    },
  ]);
});

test('reports a COPY of a path that .dockerignore leaves out', () => {
  const findings = check(GOOD.replace('USER node', 'COPY data/train.csv ./\nUSER node'));
  expect(findings.map((f) => f.rule)).toEqual(['dockerfile-copy-ignored']);
});

test('reports a COPY --from of a path turbo prune does not produce', () => {
  const findings = check(
    GOOD.replace('COPY --from=prune /pruned/json/ ./', 'COPY --from=prune /pruned/deps/ ./'),
  );
  expect(findings.map((f) => f.rule)).toContain('dockerfile-copy-from');
});

test('reports an app image missing a transitive workspace dependency copied by hand', () => {
  const manual = GOOD.replace(/FROM \$\{NODE_IMAGE\} AS prune[\s\S]*?--out-dir \/pruned\n\n/, '')
    .replace('COPY --from=prune /pruned/json/ ./', 'COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./')
    .replace('COPY --from=prune /pruned/full/ ./', 'COPY apps/web apps/web\nCOPY packages/a packages/a');
  const findings = check(manual);
  const missing = findings.filter((f) => f.rule === 'image-missing-dependency');
  expect(missing).toHaveLength(1);
  expect(missing[0].message).toMatch(
    /the @x\/web image would miss @x\/b: a dependency of @x\/web, but its folder packages\/b/,
  );
  expect(findings.map((f) => f.rule)).toContain('dockerfile-prune');
});

test('reports workspace dependencies that are copied but never built', () => {
  const findings = check(GOOD.replace('--filter=@x/web...', '--filter=@x/web'));
  const missing = findings.filter((f) => f.rule === 'image-missing-dependency').map((f) => f.message);
  expect(missing).toEqual([
    expect.stringMatching(/would miss @x\/a: .*never built \(build with --filter=@x\/web\.\.\.\)/),
    expect.stringMatching(/would miss @x\/b: .*never built/),
  ]);
});

test('reports a dependency whose files field leaves its build output out of the deploy', () => {
  pkg('packages/b', '@x/b', [], { files: ['src'] });
  const messages = check(GOOD).map((f) => f.message);
  expect(messages).toEqual([
    expect.stringMatching(/would miss @x\/b: its package.json "files" leaves out dist\//),
  ]);
});

test('reports a final stage that does not copy the deployed node_modules', () => {
  const findings = check(GOOD.replace('COPY --from=build /out/node_modules ./node_modules\n', ''));
  expect(findings.map((f) => f.rule)).toEqual(['image-missing-dependency', 'image-missing-dependency']);
});

test('does not require packages the app only uses in development', () => {
  pkg('apps/web', '@x/web', ['@x/a'], {
    main: 'dist/main.js',
    exports: undefined,
    files: undefined,
    devDependencies: { '@x/unused': 'workspace:*' },
  });
  expect(check(GOOD)).toEqual([]);
});

test('reports a root user, a missing NODE_ENV and a missing healthcheck in the final stage', () => {
  const bad = GOOD.replace('USER node', 'USER root')
    .replace('ENV NODE_ENV=production PORT=3000', 'ENV PORT=3000')
    .replace(/HEALTHCHECK.*\n/, '');
  expect(check(bad).map((f) => f.rule)).toEqual([
    'dockerfile-user',
    'dockerfile-node-env',
    'dockerfile-healthcheck',
  ]);
  expect(check(bad, false).map((f) => f.rule)).toEqual(['dockerfile-user', 'dockerfile-node-env']);
});

test('reports a single-stage build, an unfrozen install, another pnpm and a deploy without --prod', () => {
  const bad = GOOD.replace('ARG PNPM_VERSION=10.0.0', 'ARG PNPM_VERSION=9.1.0')
    .replace('pnpm install --frozen-lockfile', 'pnpm install')
    .replace('deploy --prod --legacy', 'deploy --legacy');
  expect(check(bad).map((f) => f.rule)).toEqual([
    'dockerfile-deploy',
    'dockerfile-frozen-lockfile',
    'dockerfile-pnpm-version',
  ]);
  const single =
    'FROM node:20\nWORKDIR /app\nCOPY . .\nENV NODE_ENV=production\nUSER node\nHEALTHCHECK CMD true\n';
  expect(check(single).map((f) => f.rule)).toContain('dockerfile-multi-stage');
});

test('reports a Dockerfile that does not parse, naming the line', () => {
  expect(check('FROM node:20\nCOPPY . .\n')).toEqual([
    {
      rule: 'unreadable',
      file: 'apps/web/Dockerfile',
      message: expect.stringMatching(/line 2: unknown instruction 'COPPY'/),
    },
  ]);
});

test('reports a CMD that runs a script the build does not make (a typo in dist/main.js)', () => {
  const findings = check(GOOD.replace('CMD ["node", "dist/main.js"]', 'CMD ["node", "dist/mian.js"]'));
  expect(findings).toEqual([
    {
      rule: 'dockerfile-command',
      file: 'apps/web/Dockerfile:25',
      message: expect.stringContaining('apps/web/src/mian.ts does not exist'),
    },
  ]);
});

test('reports a command whose relative script misses every COPY once WORKDIR moves', () => {
  const findings = check(GOOD.replace('USER node', 'USER node\nWORKDIR /workspace'));
  expect(findings.map((f) => [f.rule, f.message])).toEqual([
    [
      'dockerfile-command',
      expect.stringContaining(
        'runs /workspace/dist/main.js (dist/main.js from WORKDIR /workspace), which no COPY',
      ),
    ],
  ]);
});

test('reads ENTRYPOINT and CMD together, as docker run joins them', () => {
  const split = GOOD.replace(
    'CMD ["node", "dist/main.js"]',
    'ENTRYPOINT ["node", "/app/dist/main.js"]\nCMD ["serve"]',
  );
  expect(check(split)).toEqual([]);
  expect(check(split.replace('/app/dist/main.js', '/app/dist/cli.js')).map((f) => f.rule)).toEqual([
    'dockerfile-command',
  ]);
});
