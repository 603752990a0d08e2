import { openRegistry } from '@mlops/registry';
import { registerTrained } from '@mlops/testkit';
import { useMlopsCli } from '../__tests__/mlopsCli';

const { folders, mlops } = useMlopsCli();

/** v1 and v2 trained alike (v2 passes "no worse than production"), v3 on one feature (it does not); v1 in production. */
async function threeVersions(): Promise<void> {
  const registry = openRegistry(folders.home);
  await registerTrained(registry, 'churn', { rows: 1_000, seed: 1 });
  await registerTrained(registry, 'churn', { rows: 1_000, seed: 1 });
  await registerTrained(registry, 'churn', { rows: 1_000, seed: 1, features: ['age'] });
  await registry.promote('churn', 1);
}

test('models route sets a shadow (100 % by default) and a canary, prints the route, clears it and rolls a canary back', async () => {
  await threeVersions();
  const none = await mlops('models', 'route', 'churn');
  expect([none.code, none.stdout]).toEqual([0, 'churn: production v1, no challenger route\n']);
  const shadow = await mlops('models', 'route', 'churn', '--shadow', '2', '--reason', 'try it', '--json');
  expect(shadow.code).toBe(0);
  expect(shadow.json).toMatchObject({
    name: 'churn',
    production: 1,
    route: { version: 2, mode: 'shadow', weight: 100 },
    audit: { action: 'set-route', alias: 'challenger', from: null, to: 2, reason: 'try it' },
  });
  const canary = await mlops('models', 'route', 'churn', '--canary', '3', '--weight', '10');
  expect(canary.stdout).toBe('churn: production v1; challenger v3 (canary) answers 10% of requests\n');
  const shown = await mlops('models', 'route', 'churn', '--json');
  expect(shown.json).toEqual({
    name: 'churn',
    production: 1,
    route: { version: 3, mode: 'canary', weight: 10 },
  });
  const back = await mlops('models', 'route', 'churn', '--rollback-canary', '--json');
  expect(back.json).toMatchObject({ route: null, audit: { action: 'rollback-canary', from: 3, to: null } });
  await mlops('models', 'route', 'churn', '--shadow', '2', '--weight', '30');
  const cleared = await mlops('models', 'route', 'churn', '--clear', '--json');
  expect(cleared.json).toMatchObject({
    route: null,
    audit: { action: 'clear-route', route: { mode: 'shadow', weight: 30 } },
  });
  const again = await mlops('models', 'route', 'churn', '--clear');
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/^error: model 'churn' has no challenger route: set one with .*\n$/);
  const audit = await mlops('models', 'audit', 'churn', '--json');
  expect(audit.json.entries.map((entry: { action: string }) => entry.action)).toEqual([
    'promote',
    'set-route',
    'set-route',
    'rollback-canary',
    'set-route',
    'clear-route',
  ]);
});

test('models route refuses bad usage with exit 2 and one line, and the production version as challenger with exit 1', async () => {
  await threeVersions();
  const cases: Array<[string[], RegExp]> = [
    [
      ['--canary', '2'],
      /^error: --canary needs --weight \(the percent of requests it answers, 1-100\), e\.g\. --weight 10\n$/,
    ],
    [
      ['--shadow', '2', '--canary', '3', '--weight', '5'],
      /^error: give one of .*, not --shadow and --canary\n$/,
    ],
    [['--clear', '--promote'], /^error: give one of .*, not --clear and --promote\n$/],
    [['--weight', '10'], /^error: --weight goes with --shadow or --canary\n$/],
    [['--canary', '2', '--weight', '0'], /^error: --weight must be a whole percent from 1 to 100, got 0\n$/],
    [
      ['--shadow', '2', '--weight', '101'],
      /^error: --weight must be a whole percent from 1 to 100, got 101\n$/,
    ],
    [['--shadow', '2', '--force'], /^error: --force goes with --promote\n$/],
  ];
  for (const [flags, message] of cases) {
    const run = await mlops('models', 'route', 'churn', ...flags);
    expect([flags, run.code]).toEqual([flags, 2]);
    expect(run.stderr).toMatch(message);
  }
  const production = await mlops('models', 'route', 'churn', '--shadow', '1');
  expect(production.code).toBe(1);
  expect(production.stderr).toBe(
    "error: version 1 of 'churn' is production: the challenger must be another version\n",
  );
  expect((await mlops('models', 'route', 'churn', '--json')).json.route).toBeNull();
});

test('models route --promote sends the challenger through the gate: exit 3 and the route stays when refused', async () => {
  await threeVersions();
  await mlops('models', 'route', 'churn', '--canary', '3', '--weight', '10');
  const refused = await mlops('models', 'route', 'churn', '--promote', '--json');
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(/^not promoted: version 3 of 'churn' does not pass its gate: .*FAILED/m);
  expect(refused.json).toMatchObject({ action: 'promote-refused', reason: 'challenger (canary 10%)' });
  expect((await mlops('models', 'route', 'churn', '--json')).json.route).toEqual({
    version: 3,
    mode: 'canary',
    weight: 10,
  });
  await mlops('models', 'route', 'churn', '--shadow', '2');
  const promoted = await mlops('models', 'route', 'churn', '--promote', '--json');
  expect(promoted.code).toBe(0);
  expect(promoted.json).toMatchObject({
    production: 2,
    route: null,
    audit: { action: 'promote', from: 1, to: 2, route: { mode: 'shadow', weight: 100 } },
  });
  const forced = await mlops('models', 'route', 'churn', '--canary', '3', '--weight', '50');
  expect(forced.code).toBe(0);
  const force = await mlops(
    'models',
    'route',
    'churn',
    '--promote',
    '--force',
    '--reason',
    'hotfix',
    '--json',
  );
  expect(force.json).toMatchObject({ production: 3, route: null, audit: { forced: true, reason: 'hotfix' } });
});
