import { churnVersion } from '../__tests__/fixtures';
import type { RegistryError } from '../errors';
import type { ModelRegistry } from './ModelRegistry';

/** One backend under test: a registry over a fresh, empty store per test, and what the interface cannot do. */
export interface RegistryUnderTest {
  registry: ModelRegistry;
  /** Flips one bit of a stored file of a version, behind the registry's back (as damage would). */
  corruptFile(model: string, version: number, file: string): Promise<void>;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: RegistryError) => error.code,
  );

/**
 * The contract of the model registry on a {@link RegistryStore}, the same tests for
 * every backend (`describe.each` over the filesystem store, PGlite and the PostgreSQL
 * server). The tests that need several processes are the server's own (`*.server.test.ts`).
 */
export function describeRegistryConformance(kinds: Array<[string, () => Promise<RegistryUnderTest>]>): void {
  describe.each(kinds)('ModelRegistry on %s', (_kind, open) => {
    let t: RegistryUnderTest;
    let registry: ModelRegistry;
    beforeEach(async () => {
      t = await open();
      registry = t.registry;
    });

    test('registers versions 1, 2, 3 and reads back every file as registered', async () => {
      const given = churnVersion();
      for (const expected of [1, 2, 3]) {
        expect((await registry.registerVersion('churn', given)).version).toBe(expected);
      }
      await registry.registerVersion('fraud', given);
      expect(await registry.listModels()).toEqual(['churn', 'fraud']);
      expect((await registry.listVersions('churn')).map((record) => record.version)).toEqual([1, 2, 3]);
      const record = await registry.getVersion('churn', 2);
      expect(record).toMatchObject({
        name: 'churn',
        version: 2,
        kind: given.model.kind,
        task: 'binary',
        dataRows: 1_000,
        seed: 1,
        metrics: given.metrics,
        testRows: 200,
        referenceRows: given.referenceSample?.numRows,
        aliases: [],
        archived: false,
      });
      expect(Object.keys(record.checksums ?? {})).toEqual([
        'metrics.json',
        'model.json',
        'profile.json',
        'reference.arrow',
        'test.arrow',
      ]);
      expect(await registry.readModelDocument('churn', 2)).toEqual(JSON.parse(JSON.stringify(given.model)));
      expect(await registry.readProfile('churn', 2)).toEqual(JSON.parse(JSON.stringify(given.profile)));
      const rows = await registry.readTestRows('churn', 2);
      expect(rows?.columnNames).toEqual(given.testRows?.columnNames);
      expect(rows?.column('tenure_months')).toEqual(given.testRows?.column('tenure_months'));
      expect((await registry.readReferenceSample('churn', 2))?.numRows).toBe(given.referenceSample?.numRows);
      await expect(registry.verifyVersion('churn', 2)).resolves.toBeDefined();
    });

    test('registrations started at once get unique, gap-free numbers', async () => {
      const records = await Promise.all(
        [1, 2, 3, 4].map(() => registry.registerVersion('churn', churnVersion())),
      );
      expect(records.map((record) => record.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
      expect((await registry.listVersions('churn')).map((record) => record.version)).toEqual([1, 2, 3, 4]);
      expect((await registry.registerVersion('churn', churnVersion())).version).toBe(5);
    });

    test('promotes behind the gate, forces when asked, and rolls back v3 → v2 → v1 and forward again', async () => {
      await registry.registerVersion('churn', churnVersion());
      await registry.registerVersion('churn', churnVersion());
      await registry.registerVersion('churn', churnVersion('weak'));
      await registry.promote('churn', 1);
      await registry.promote('churn', 2);
      await expect(registry.promote('churn', 3)).rejects.toThrow(
        /version 3 of 'churn' does not pass its gate: roc_auc 0\.\d{4} >= production v2 0\.\d{4}: FAILED: .*pass --force/,
      );
      expect(await registry.productionVersion('churn')).toBe(2);
      await registry.promote('churn', 3, { force: true, reason: 'hotfix' });
      expect(await registry.resolve('churn', { alias: 'production' })).toBe(3);
      await registry.rollback('churn');
      expect(await registry.productionVersion('churn')).toBe(2);
      await registry.rollback('churn');
      expect(await registry.productionVersion('churn')).toBe(1);
      await expect(registry.rollback('churn')).rejects.toThrow(/no earlier production version/);
      await registry.promote('churn', 2);
      expect((await registry.getVersion('churn', 2)).aliases).toEqual(['production']);
      expect((await registry.readAliases('churn')).productionHistory).toEqual([1]);
      const audit = await registry.readAudit('churn');
      expect(audit.map((entry) => [entry.action, entry.from, entry.to, entry.forced])).toEqual([
        ['promote', null, 1, false],
        ['promote', 1, 2, false],
        ['promote-refused', 2, 2, false],
        ['promote', 2, 3, true],
        ['rollback', 3, 2, false],
        ['rollback', 2, 1, false],
        ['promote', 1, 2, false],
      ]);
      expect(audit[3]).toMatchObject({ reason: 'hotfix', gate: { passed: false } });
      expect(audit[1].gate?.production).toMatchObject({ version: 1, sameRows: true, rows: 200 });
    });

    test('rolls back to a named version and remembers where it came from', async () => {
      for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
      await registry.promote('churn', 3);
      await registry.rollback('churn', { toVersion: 1 });
      expect(await registry.productionVersion('churn')).toBe(1);
      await registry.rollback('churn');
      expect(await registry.productionVersion('churn')).toBe(3);
      expect((await registry.readAliases('churn')).productionHistory).toEqual([]);
    });

    test('a gate set after registration applies at promotion; the refusal is audited and moves nothing', async () => {
      await registry.registerVersion('churn', churnVersion());
      await registry.setGate('churn', 'f1 >= 0.99', { actor: 'alice' });
      expect(await registry.storedGate('churn')).toBe('f1 >= 0.99');
      await expect(registry.promote('churn', 1)).rejects.toMatchObject({ code: 'gate-failed' });
      expect(await registry.productionVersion('churn')).toBeUndefined();
      const [setGate, refused] = await registry.readAudit('churn');
      expect(setGate).toMatchObject({
        action: 'set-gate',
        alias: 'gate',
        actor: 'alice',
        reason: 'f1 >= 0.99',
      });
      expect(refused).toMatchObject({ action: 'promote-refused', from: null, to: null });
      expect(refused.gate?.rules?.[0]).toMatchObject({
        metric: 'f1',
        op: '>=',
        threshold: 0.99,
        passed: false,
      });
      await expect(registry.setGate('churn', 'f1 >>= 2')).rejects.toThrow(
        /gate rule 'f1 >>= 2' does not parse/,
      );
      expect(await registry.storedGate('churn')).toBe('f1 >= 0.99');
      await registry.promote('churn', 1, { force: true });
      expect(await registry.productionVersion('churn')).toBe(1);
    });

    test('archives a version: its aliases go, it cannot be promoted again, and rollback skips it', async () => {
      for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
      await registry.promote('churn', 1);
      await registry.promote('churn', 2);
      await registry.promote('churn', 3);
      await registry.setAlias('churn', 'staging', 2);
      expect(await codeOf(registry.archive('churn', 3))).toBe('archived');
      await registry.archive('churn', 2, { reason: 'leaky feature' });
      const v2 = await registry.getVersion('churn', 2);
      expect([v2.archived, v2.aliases]).toEqual([true, []]);
      expect((await registry.readAliases('churn')).archived).toEqual([2]);
      await expect(registry.promote('churn', 2)).rejects.toThrow(/version 2 of 'churn' is archived/);
      expect(await codeOf(registry.rollback('churn', { toVersion: 2 }))).toBe('archived');
      await registry.rollback('churn');
      expect(await registry.productionVersion('churn')).toBe(1);
      expect((await registry.readAudit('churn')).at(-2)).toMatchObject({
        action: 'archive',
        alias: 'v2',
        from: null,
        to: null,
        reason: 'leaky feature',
      });
    });

    test('the audit log records every move oldest first: when, who, which alias, from, to and why', async () => {
      expect(await codeOf(registry.readAudit('churn'))).toBe('unknown-model');
      await registry.registerVersion('churn', churnVersion());
      await registry.registerVersion('churn', churnVersion());
      expect(await registry.readAudit('churn')).toEqual([]);
      const promoted = await registry.promote('churn', 1, { actor: 'ci', reason: 'first' });
      const staged = await registry.setAlias('churn', 'staging', 2, { actor: 'bob' });
      const audit = await registry.readAudit('churn');
      expect(audit).toEqual([promoted, staged]);
      expect(staged).toEqual({
        time: staged.time,
        actor: 'bob',
        model: 'churn',
        alias: 'staging',
        from: null,
        action: 'set-alias',
        to: 2,
        reason: '',
        forced: false,
      });
      expect(new Date(staged.time).toISOString()).toBe(staged.time);
      expect(promoted).toMatchObject({ actor: 'ci', reason: 'first', gate: { passed: true } });
    });

    test('the state stamp is unset before any move, changes on every move and not on a refused one', async () => {
      await registry.registerVersion('churn', churnVersion());
      await registry.registerVersion('churn', churnVersion('weak'));
      expect(await registry.aliasStamp('churn')).toBeUndefined();
      await registry.promote('churn', 1);
      const first = await registry.aliasStamp('churn');
      expect(first).toEqual(expect.any(String));
      expect(await codeOf(registry.promote('churn', 2))).toBe('gate-failed');
      expect(await registry.aliasStamp('churn')).toEqual(first);
      await registry.setAlias('churn', 'staging', 2);
      const second = await registry.aliasStamp('churn');
      expect(second).not.toEqual(first);
      await registry.promote('churn', 2, { force: true });
      expect(await registry.aliasStamp('churn')).not.toEqual(second);
    });

    test('a damaged stored file is corrupt-version naming it, and promote and rollback refuse the version', async () => {
      for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
      await registry.promote('churn', 1);
      await registry.promote('churn', 2);
      await t.corruptFile('churn', 3, 'model.json');
      await t.corruptFile('churn', 1, 'test.arrow');
      const damaged = registry.readModelDocument('churn', 3);
      await expect(damaged).rejects.toMatchObject({ code: 'corrupt-version' });
      await expect(damaged).rejects.toThrow(/^model\.json of 'churn' version 3 .*register a new version$/);
      expect(await codeOf(registry.verifyVersion('churn', 3))).toBe('corrupt-version');
      expect(await codeOf(registry.promote('churn', 3))).toBe('corrupt-version');
      await expect(registry.readTestRows('churn', 1)).rejects.toThrow(/^test\.arrow of 'churn' version 1 /);
      expect(await codeOf(registry.rollback('churn'))).toBe('corrupt-version');
      expect(await registry.productionVersion('churn')).toBe(2);
      expect((await registry.readAudit('churn')).map((entry) => entry.action)).toEqual([
        'promote',
        'promote',
      ]);
      await expect(registry.verifyVersion('churn', 2)).resolves.toBeDefined();
    });

    test('routes a challenger beside production: shadow (100 % by default), canary, clear, each move audited and stamped', async () => {
      for (let i = 0; i < 3; i += 1) await registry.registerVersion('churn', churnVersion());
      await registry.promote('churn', 1);
      expect(await registry.readRoute('churn')).toBeUndefined();
      const before = await registry.aliasStamp('churn');
      const shadow = await registry.setRoute('churn', { version: 2, mode: 'shadow' }, { actor: 'alice' });
      expect(shadow).toMatchObject({
        action: 'set-route',
        alias: 'challenger',
        from: null,
        to: 2,
        actor: 'alice',
        route: { mode: 'shadow', weight: 100 },
      });
      expect(await registry.readRoute('churn')).toEqual({ version: 2, mode: 'shadow', weight: 100 });
      expect((await registry.getVersion('churn', 2)).aliases).toEqual(['challenger']);
      const afterShadow = await registry.aliasStamp('churn');
      expect(afterShadow).not.toEqual(before);
      await registry.setRoute('churn', { version: 3, mode: 'canary', weight: 10 });
      expect(await registry.readRoute('churn')).toEqual({ version: 3, mode: 'canary', weight: 10 });
      expect(await registry.aliasStamp('churn')).not.toEqual(afterShadow);
      await registry.setRoute('churn', { version: 3, mode: 'canary', weight: 25 });
      expect((await registry.readAliases('churn')).route).toEqual({ mode: 'canary', weight: 25 });
      const cleared = await registry.clearRoute('churn', { reason: 'enough' });
      expect(cleared).toMatchObject({
        action: 'clear-route',
        alias: 'challenger',
        from: 3,
        to: null,
        reason: 'enough',
        route: { mode: 'canary', weight: 25 },
      });
      expect(await registry.readRoute('churn')).toBeUndefined();
      expect((await registry.readAliases('churn')).aliases).toEqual({ production: 1 });
      await expect(registry.clearRoute('churn')).rejects.toThrow(/'churn' has no challenger route/);
      expect(await codeOf(registry.rollbackCanary('churn'))).toBe('unknown-alias');
      await registry.setRoute('churn', { version: 2, mode: 'shadow', weight: 50 });
      await expect(registry.rollbackCanary('churn')).rejects.toThrow(/routes a shadow, not a canary/);
      await registry.setRoute('churn', { version: 2, mode: 'canary', weight: 5 });
      expect(await registry.rollbackCanary('churn')).toMatchObject({
        action: 'rollback-canary',
        from: 2,
        to: null,
        route: { mode: 'canary', weight: 5 },
      });
      expect(await registry.readRoute('churn')).toBeUndefined();
      const audit = await registry.readAudit('churn');
      expect(
        audit.map((entry) => [entry.action, entry.from, entry.to, entry.route?.mode, entry.route?.weight]),
      ).toEqual([
        ['promote', null, 1, undefined, undefined],
        ['set-route', null, 2, 'shadow', 100],
        ['set-route', 2, 3, 'canary', 10],
        ['set-route', 3, 3, 'canary', 25],
        ['clear-route', 3, null, 'canary', 25],
        ['set-route', null, 2, 'shadow', 50],
        ['set-route', 2, 2, 'canary', 5],
        ['rollback-canary', 2, null, 'canary', 5],
      ]);
      expect(await registry.productionVersion('churn')).toBe(1);
    });

    test('the challenger is never production nor archived, and needs a production to stand beside', async () => {
      for (let i = 0; i < 4; i += 1) await registry.registerVersion('churn', churnVersion());
      await expect(registry.setRoute('churn', { version: 2, mode: 'shadow' })).rejects.toThrow(
        /'churn' has no production version to route a challenger beside/,
      );
      await registry.promote('churn', 1);
      await expect(registry.setRoute('churn', { version: 1, mode: 'canary', weight: 10 })).rejects.toThrow(
        /version 1 of 'churn' is production: the challenger must be another version/,
      );
      expect(await codeOf(registry.setRoute('churn', { version: 9, mode: 'shadow' }))).toBe(
        'unknown-version',
      );
      await registry.archive('churn', 4);
      expect(await codeOf(registry.setRoute('churn', { version: 4, mode: 'shadow' }))).toBe('archived');
      expect(await codeOf(registry.setAlias('churn', 'challenger', 2))).toBe('bad-name');
      for (const [request, message] of [
        [{ version: 2, mode: 'canary' }, /weight is required for a canary/],
        [{ version: 2, mode: 'canary', weight: 0 }, /weight must be a whole percent from 1 to 100, got 0/],
        [{ version: 2, mode: 'shadow', weight: 101 }, /got 101/],
        [{ version: 2, mode: 'canary', weight: 2.5 }, /got 2\.5/],
        [{ version: 2, mode: 'mirror', weight: 5 }, /mode must be 'shadow' or 'canary', got "mirror"/],
      ] as const) {
        await expect(registry.setRoute('churn', request as never)).rejects.toThrow(message);
      }
      // Archiving the challenger ends its route; so does making it production by its number.
      await registry.setRoute('churn', { version: 2, mode: 'shadow' });
      expect(await registry.archive('churn', 2)).toMatchObject({
        action: 'archive',
        route: { mode: 'shadow' },
      });
      expect(await registry.readRoute('churn')).toBeUndefined();
      await registry.setRoute('churn', { version: 3, mode: 'canary', weight: 10 });
      await registry.promote('churn', 3);
      expect(await registry.readRoute('churn')).toBeUndefined();
      expect((await registry.readAliases('churn')).aliases).toEqual({ production: 3 });
      // Rolling back onto the challenger ends the route too.
      await registry.setRoute('churn', { version: 1, mode: 'canary', weight: 10 });
      await registry.rollback('churn');
      expect([await registry.productionVersion('churn'), await registry.readRoute('churn')]).toEqual([
        1,
        undefined,
      ]);
      const moves = (await registry.readAudit('churn')).filter((entry) => entry.action !== 'set-route');
      expect(moves.map((entry) => [entry.action, entry.route?.mode])).toEqual([
        ['promote', undefined],
        ['archive', undefined],
        ['archive', 'shadow'],
        ['promote', 'canary'],
        ['rollback', 'canary'],
      ]);
    });

    test('promoting the challenger goes through the gate: refused, the route stays; passed, the route ends', async () => {
      await registry.registerVersion('churn', churnVersion());
      await registry.registerVersion('churn', churnVersion());
      await registry.registerVersion('churn', churnVersion('weak'));
      await registry.promote('churn', 1);
      expect(await codeOf(registry.promoteChallenger('churn'))).toBe('unknown-alias');
      await registry.setRoute('churn', { version: 3, mode: 'canary', weight: 10 });
      const stamp = await registry.aliasStamp('churn');
      await expect(registry.promoteChallenger('churn')).rejects.toMatchObject({ code: 'gate-failed' });
      expect(await registry.readRoute('churn')).toEqual({ version: 3, mode: 'canary', weight: 10 });
      expect(await registry.aliasStamp('churn')).toEqual(stamp);
      expect((await registry.readAudit('churn')).at(-1)).toMatchObject({
        action: 'promote-refused',
        alias: 'production',
        reason: 'challenger (canary 10%)',
        gate: { passed: false },
      });
      await registry.setRoute('churn', { version: 2, mode: 'shadow' });
      const promoted = await registry.promoteChallenger('churn', { actor: 'ci' });
      expect(promoted).toMatchObject({
        action: 'promote',
        alias: 'production',
        from: 1,
        to: 2,
        actor: 'ci',
        reason: 'challenger (shadow 100%)',
        route: { mode: 'shadow', weight: 100 },
        gate: { passed: true },
      });
      expect(await registry.productionVersion('churn')).toBe(2);
      expect(await registry.readRoute('churn')).toBeUndefined();
      expect((await registry.getVersion('churn', 2)).aliases).toEqual(['production']);
      await registry.rollback('churn');
      expect([await registry.productionVersion('churn'), await registry.readRoute('churn')]).toEqual([
        1,
        undefined,
      ]);
    });

    test('unknown models, versions and aliases are errors that say what exists', async () => {
      await expect(registry.getVersion('nope', 1)).rejects.toThrow(
        /no model named 'nope' in the registry \(models: none\)/,
      );
      await registry.registerVersion('churn', churnVersion());
      expect(await codeOf(registry.getVersion('nope', 1))).toBe('unknown-model');
      await expect(registry.getVersion('churn', 7)).rejects.toThrow(/has no version 7 \(versions: 1\)/);
      expect(await codeOf(registry.readModelDocument('churn', 7))).toBe('unknown-version');
      expect(await codeOf(registry.readTestRows('churn', 7))).toBe('unknown-version');
      await expect(registry.resolve('churn', { alias: 'production' })).rejects.toThrow(
        /has no alias 'production'/,
      );
      expect(await codeOf(registry.setGate('nope', 'f1 >= 0.5'))).toBe('unknown-model');
      expect((await registry.readAliases('churn')).aliases).toEqual({});
    });
  });
}
