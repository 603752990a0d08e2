import { parseLogLevel } from './parseLogLevel';

test('unset or empty is info; a known level is itself; anything else is named with the levels there are', () => {
  expect(parseLogLevel(undefined)).toBe('info');
  expect(parseLogLevel('')).toBe('info');
  expect(parseLogLevel('debug')).toBe('debug');
  expect(() => parseLogLevel('verbose')).toThrow(
    new RangeError("LOG_LEVEL='verbose' is not a level: use one of error, warn, info, debug"),
  );
});
