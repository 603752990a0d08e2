import { createRng } from '@mlops/features';
import { bruteForceShapley, coalitionValue, randomTree } from './__tests__/randomTrees';
import { addTreeShap } from './addTreeShap';
import { expectedTreeValue } from './expectedTreeValue';
import { TreeShapWorkspace, treeDepth } from './TreeShapWorkspace';

function randomRow(rng: ReturnType<typeof createRng>, features: number, missingShare: number): Float64Array {
  return Float64Array.from({ length: features }, () => (rng.next() < missingShare ? Number.NaN : rng.next()));
}

const cases = [
  { name: 'shallow trees on 3 features', features: 3, maxDepth: 4, channels: 1, missing: 0, empty: 0 },
  {
    name: 'deep trees on 8 features (features repeat on paths)',
    features: 8,
    maxDepth: 9,
    channels: 1,
    missing: 0,
    empty: 0,
  },
  { name: 'three-channel trees on 5 features', features: 5, maxDepth: 6, channels: 3, missing: 0, empty: 0 },
  {
    name: 'rows with missing values on 6 features',
    features: 6,
    maxDepth: 7,
    channels: 1,
    missing: 0.3,
    empty: 0,
  },
  {
    name: 'trees with leaves no training weight reached',
    features: 4,
    maxDepth: 6,
    channels: 2,
    missing: 0.1,
    empty: 0.3,
  },
];

describe.each(cases)('TreeSHAP equals brute-force Shapley values over all feature subsets: $name', (c) => {
  test('on 40 seeded random trees, 5 rows each, within 1e-9', () => {
    const rng = createRng(1234 + c.features);
    const workspace = new TreeShapWorkspace();
    let checked = 0;
    for (let t = 0; t < 40; t += 1) {
      const tree = randomTree(100 * c.features + t, {
        features: c.features,
        maxDepth: c.maxDepth,
        channels: c.channels,
        emptyLeafShare: c.empty,
      });
      workspace.ensureDepth(treeDepth(tree));
      for (let r = 0; r < 5; r += 1) {
        const row = randomRow(rng, c.features, c.missing);
        const phi = new Float64Array(c.features * c.channels);
        addTreeShap(tree, row, 0, c.features, phi, 0, workspace);
        for (let channel = 0; channel < c.channels; channel += 1) {
          const expected = bruteForceShapley(
            (known) => coalitionValue(tree, row, known, channel),
            c.features,
          );
          for (let f = 0; f < c.features; f += 1) {
            expect(Math.abs(phi[channel * c.features + f] - expected[f])).toBeLessThan(1e-9);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBe(40 * 5 * c.features * c.channels);
  });
});

test('the expected value is the coalition value of no known feature, and contributions sum to the output minus it', () => {
  const rng = createRng(9);
  const workspace = new TreeShapWorkspace();
  for (let t = 0; t < 20; t += 1) {
    const tree = randomTree(500 + t, { features: 6, maxDepth: 8, channels: 2 });
    workspace.ensureDepth(treeDepth(tree));
    const base = new Float64Array(2);
    expectedTreeValue(tree, base);
    const row = randomRow(rng, 6, 0.2);
    const phi = new Float64Array(12);
    addTreeShap(tree, row, 0, 6, phi, 0, workspace);
    const leaf = tree.leafOf(row, 0, 6);
    for (let channel = 0; channel < 2; channel += 1) {
      expect(base[channel]).toBeCloseTo(coalitionValue(tree, row, 0, channel), 12);
      let sum = base[channel];
      for (let f = 0; f < 6; f += 1) sum += phi[channel * 6 + f];
      expect(Math.abs(sum - tree.value[leaf * 2 + channel])).toBeLessThan(1e-9);
    }
  }
});
