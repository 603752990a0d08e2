import { createRng } from './createRng';

test('the same seed gives the same sequence and another seed a different one', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const seqA = Array.from({ length: 5 }, () => a.next());
  expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
  expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
});

test('uniform draws have mean 1/2 and normal draws mean 0 and variance 1', () => {
  const rng = createRng(7);
  const n = 100_000;
  let sumU = 0;
  let sumN = 0;
  let sumN2 = 0;
  let outside = 0;
  for (let i = 0; i < n; i += 1) {
    const u = rng.next();
    if (u < 0 || u >= 1) outside += 1;
    sumU += u;
    const z = rng.normal();
    sumN += z;
    sumN2 += z * z;
  }
  expect(outside).toBe(0);
  expect(sumU / n).toBeCloseTo(0.5, 2);
  expect(sumN / n).toBeCloseTo(0, 1);
  expect(sumN2 / n).toBeCloseTo(1, 1);
});

test('rejects a seed that is not an integer', () => {
  expect(() => createRng(1.5)).toThrow(/seed must be an integer/);
});
