import { NodeTable } from './NodeTable';
import { createSplitResult } from './SplitFinder';

describe('NodeTable', () => {
  it('keeps every node and split it holds when it outgrows its arrays', () => {
    const table = new NodeTable(2, 3);
    const split = createSplitResult(2);
    for (let id = 0; id < 50; id += 1) {
      expect(table.add(id, id + 1, id % 7)).toBe(id);
      table.writeSums(id, { start: 0, end: 0, g: [id, -id], h: id / 2, n: id + 1 });
      Object.assign(split, { feature: id % 5, bin: id, threshold: id / 4, gain: id * 3, leftH: 1, leftN: 2 });
      split.leftG = [id + 0.5, id - 0.5];
      split.constants = new Int32Array([id]);
      table.writeSplit(id, split);
      table.feature[id] = id % 3;
    }
    expect(table.count).toBe(50);
    for (let id = 0; id < 50; id += 1) {
      expect(table.read(id, { start: 0, end: 0, g: [0, 0], h: 0, n: 0 })).toEqual({
        start: id,
        end: id + 1,
        g: [id, -id],
        h: id / 2,
        n: id + 1,
        constants: undefined,
      });
      expect([table.depth[id], table.feature[id], table.splitFeature[id], table.splitBin[id]]).toEqual([
        id % 7,
        id % 3,
        id % 5,
        id,
      ]);
      expect([table.splitThreshold[id], table.splitGain[id]]).toEqual([id / 4, id * 3]);
      expect([table.splitLeftG[2 * id], table.splitLeftG[2 * id + 1]]).toEqual([id + 0.5, id - 0.5]);
      expect(table.splitConstants[id]).toEqual(new Int32Array([id]));
    }
  });

  it('starts each tree empty, with new nodes as leaves with zero sums and no split', () => {
    const table = new NodeTable(1, 4);
    const first = table.add(0, 10, 0);
    table.writeSums(first, { start: 0, end: 0, g: [5], h: 2, n: 10 });
    table.feature[first] = 3;
    table.reset();
    const again = table.add(2, 4, 1);
    expect(again).toBe(0);
    expect([table.g[0], table.h[0], table.n[0], table.feature[0], table.splitFeature[0]]).toEqual([
      0, 0, 0, -1, -1,
    ]);
    expect(table.hist[0]).toBeNull();
  });
});
