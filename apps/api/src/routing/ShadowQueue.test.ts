import { ShadowQueue } from './ShadowQueue';

test('runs jobs in order after the current turn, drops and counts what does not fit, and counts a job that throws', async () => {
  const errors: unknown[] = [];
  const queue = new ShadowQueue({ limit: 3, onError: (error) => errors.push(error) });
  const ran: number[] = [];
  expect(queue.enqueue(() => ran.push(1))).toBe(true);
  expect(
    queue.enqueue(() => {
      throw new Error('boom');
    }),
  ).toBe(true);
  expect(queue.enqueue(() => ran.push(3))).toBe(true);
  expect(queue.enqueue(() => ran.push(4))).toBe(false);
  // Nothing runs in the turn that queued it: the response is written first.
  expect([ran, queue.depth]).toEqual([[], 3]);
  await queue.idle();
  expect(ran).toEqual([1, 3]);
  expect(queue.stats).toEqual({ scored: 2, dropped: 1, failed: 1 });
  expect(errors.map((error) => (error as Error).message)).toEqual(['boom']);
  expect(queue.depth).toBe(0);
  await queue.idle();
});
