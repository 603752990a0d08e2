import { listeningLine } from './serve';

test('on loopback without a key the line says this machine only', () => {
  expect(listeningLine({ host: '127.0.0.1' }, 8501)).toBe(
    'dashboard on http://127.0.0.1:8501/ (no key: this machine only)',
  );
});

test('off loopback with a key the line says the key is required on every interface', () => {
  expect(listeningLine({ host: '0.0.0.0', apiKey: 'k' }, 9000)).toBe(
    'dashboard on http://0.0.0.0:9000/ (key required: MLOPS_API_KEY, every interface)',
  );
});

test('an IPv6 host is bracketed in the address', () => {
  expect(listeningLine({ host: '::1' }, 1)).toBe('dashboard on http://[::1]:1/ (no key: this machine only)');
});
