import type { IncomingMessage } from 'node:http';
import { DashboardAccess } from './access';

const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

test('a session cookie lapses after its lifetime and dies with a new key', () => {
  let now = 1_000_000_000_000;
  const access = new DashboardAccess('the-key', { sessionSeconds: 60, now: () => now });
  const cookie = access.sessionCookie(false).split(';')[0];
  expect(access.check(requestWith({ cookie }))).toBe('granted');
  now += 61_000;
  expect(access.check(requestWith({ cookie }))).toBe('wrong');
  now -= 61_000;
  expect(new DashboardAccess('another-key', { now: () => now }).check(requestWith({ cookie }))).toBe('wrong');
});

test('a bearer header must be exactly the key; without a key configured everything is open', () => {
  const access = new DashboardAccess('the-key');
  expect(access.check(requestWith({ authorization: 'Bearer the-key' }))).toBe('granted');
  expect(access.check(requestWith({ authorization: 'Bearer the-key2' }))).toBe('wrong');
  expect(access.check(requestWith({ authorization: 'Basic dGhlLWtleQ==' }))).toBe('wrong');
  expect(access.check(requestWith({}))).toBe('missing');
  expect(access.sessionCookie(true)).toMatch(/; Secure$/);
  expect(new DashboardAccess(undefined).check(requestWith({}))).toBe('open');
  expect(new DashboardAccess(undefined).matches('')).toBe(false);
});
