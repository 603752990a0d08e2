import type { PredictionRecord } from '@mlops/registry';
import { RoleComparisonFolder } from './RoleComparisonFolder';
import { ShadowPairs } from './ShadowPairs';

/** mulberry32: a seeded generator, so the shuffles are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const base = Date.parse('2026-01-01T00:00:00Z');
function record(i: number, over: Partial<PredictionRecord>): PredictionRecord {
  return {
    timestamp: new Date(base + i * 1000).toISOString(),
    request_id: `r${i}`,
    model_name: 'churn',
    model_version: 1,
    features: {},
    prediction: 0,
    latency_ms: 1,
    ...over,
  } as PredictionRecord;
}

describe('RoleComparisonFolder', () => {
  test('gives the known class shares, latency and shadow agreement of seeded records (shadow logged after its champion)', () => {
    const random = seeded(19);
    // 1,000 requests: the champion says 1 for 300 of them; the shadow disagrees on every 5th (80 % agreement).
    const ids = shuffle(
      Array.from({ length: 1000 }, (_, i) => i),
      random,
    );
    const folder = new RoleComparisonFolder(1, true);
    for (const i of ids) {
      const champ = i < 300 ? 1 : 0;
      const shadow = i % 5 === 0 ? 1 - champ : champ;
      folder.add(
        record(i, { prediction: champ, probability: 0.05 + (i % 10) / 10, latency_ms: 1 + (i % 100) }),
      );
      folder.add(record(i, { role: 'shadow', model_version: 2, prediction: shadow, latency_ms: 50 }));
    }
    // A champion record of an older version (before a promotion) is not the champion's.
    folder.add(record(5000, { model_version: 0, prediction: 1 }));
    const fold = folder.finish();
    expect(fold.champion.count).toBe(1000);
    expect(fold.champion.predictions).toEqual({
      kind: 'classes',
      counts: { '0': 700, '1': 300 },
      shares: { '0': 0.7, '1': 0.3 },
    });
    expect(fold.champion.probability_shares).toEqual(new Array(10).fill(0.1));
    expect(fold.champion.latency_ms?.p50).toBeCloseTo(50.5, -1);
    expect(fold.champion.latency_ms?.max).toBe(100);
    const [shadow] = fold.challengers;
    expect(shadow.role).toBe('shadow');
    expect(shadow.version).toBe(2);
    expect(shadow.count).toBe(1000);
    expect(shadow.agreement).toEqual({
      pairs: 1000,
      agreement_rate: 0.8,
      mean_abs_difference: null,
      tolerance: null,
      unpaired_shadow: 0,
      evicted: 0,
    });
    expect(shadow.latency_ms?.p99).toBe(50);
    expect(shadow.distribution?.bins).toBe('classes');
    expect(shadow.distribution?.psi).toBeGreaterThan(0);
  });

  test('pairs a shadow logged before its champion, and a canary gets a distribution comparison but no agreement', () => {
    const folder = new RoleComparisonFolder(3, true);
    folder.add(record(1, { role: 'shadow', model_version: 4, prediction: 'a' }));
    folder.add(record(1, { model_version: 3, prediction: 'a' }));
    folder.add(record(2, { model_version: 3, prediction: 'b' }));
    folder.add(record(3, { role: 'canary', model_version: 5, prediction: 'a' }));
    const fold = folder.finish();
    const canary = fold.challengers.find((c) => c.role === 'canary');
    const shadow = fold.challengers.find((c) => c.role === 'shadow');
    expect(shadow?.agreement?.pairs).toBe(1);
    expect(shadow?.agreement?.agreement_rate).toBe(1);
    expect(canary?.agreement).toBeNull();
    // Champion 50/50 over a, b; canary all a: PSI with the 1e-4 floor for the empty bin.
    const psi = (1 - 0.5) * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    expect(canary?.distribution?.psi).toBeCloseTo(psi, 12);
  });

  test('regression: agreement within the relative tolerance, PSI on the champion deciles', () => {
    const random = seeded(7);
    const folder = new RoleComparisonFolder(1, false);
    for (let i = 0; i < 2000; i += 1) {
      const value = 100 + random() * 100;
      folder.add(record(i, { prediction: value }));
      // Every other shadow answer is 10 % off: beyond the 5 % tolerance.
      folder.add(record(i, { role: 'shadow', model_version: 2, prediction: i % 2 ? value * 1.1 : value }));
    }
    const fold = folder.finish();
    const shadow = fold.challengers[0];
    expect(shadow.agreement?.agreement_rate).toBe(0.5);
    expect(shadow.agreement?.tolerance).toBe(0.05);
    expect(fold.champion.predictions.kind).toBe('values');
    if (fold.champion.predictions.kind === 'values')
      expect(fold.champion.predictions.quantiles.p50).toBeCloseTo(150, -1);
    expect(shadow.distribution?.bins).toBe('champion deciles');
  });

  test('no canary or shadow record: no challengers', () => {
    const folder = new RoleComparisonFolder(1, true);
    folder.add(record(1, {}));
    expect(folder.hasChallengers).toBe(false);
    expect(folder.finish().challengers).toEqual([]);
  });
});

describe('ShadowPairs', () => {
  test('holds at most its limit of unpaired records, evicting the oldest and counting them', () => {
    const pairs = new ShadowPairs(true, 0.05, 10);
    for (let i = 0; i < 30; i += 1) pairs.addShadow(record(i, { role: 'shadow', prediction: 1 }));
    // r0..r19 were evicted; r25 is still held and pairs, r5 does not.
    pairs.addChampion(record(25, { prediction: 1 }));
    pairs.addChampion(record(5, { prediction: 1 }));
    expect(pairs.finish(1)).toEqual({
      pairs: 1,
      agreement_rate: 1,
      mean_abs_difference: null,
      tolerance: null,
      unpaired_shadow: 29,
      evicted: 20,
    });
  });
});
