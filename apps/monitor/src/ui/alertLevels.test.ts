import { alertLevel } from '@mlops/drift';
import { ALERT_LEVELS } from './alertLevels';

// The legend's words against the rule that decides the level, so the two cannot part.

test('the legend names the three alert levels in order, and nothing to compare', () => {
  expect(ALERT_LEVELS.map((entry) => entry.level)).toEqual([
    'stable',
    'watch',
    'retrain',
    'nothing to compare',
  ]);
});

test.each([
  [0, 10, 'stable'],
  [1, 10, 'watch'],
  [2, 10, 'watch'],
  [3, 10, 'retrain'],
  [1, 2, 'retrain'],
  [2, 4, 'retrain'],
  [2, 5, 'watch'],
] as const)('%i of %i features drifted is %s, as the legend says', (drifted, total, level) => {
  expect(alertLevel(drifted, total)).toBe(level);
  const meaning = ALERT_LEVELS.find((entry) => entry.level === level)?.meaning ?? '';
  if (level === 'watch') expect(meaning).toMatch(/^one or two features drifted, fewer than half of them/);
  if (level === 'retrain') expect(meaning).toMatch(/^three or more features, or at least half of them/);
  if (level === 'stable') expect(meaning).toMatch(/^no feature drifted/);
});
