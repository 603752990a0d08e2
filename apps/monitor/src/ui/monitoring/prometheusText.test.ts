import { trafficBuckets } from '../../log/trafficBuckets';
import { parseApiUrls } from './apiUrls';
import { parsePrometheusText } from './prometheusText';

test('reads samples, labels with escapes, special values, timestamps and TYPE lines of the text format', () => {
  const text = [
    '# HELP http_requests_total HTTP requests answered, by route template and status',
    '# TYPE http_requests_total counter',
    'http_requests_total{method="POST",route="/predict",status="200"} 1027',
    'http_requests_total{method="GET",route="unmatched",status="404",} 3 1700000000000',
    'odd{path="C:\\\\tmp",quote="say \\"hi\\"",nl="a\\nb"} -1.5e3',
    'gauge_nan NaN',
    'up_inf +Inf',
    'down_inf -Inf',
    '# a comment',
    '',
  ].join('\n');
  const { samples, types } = parsePrometheusText(text);
  expect(types).toEqual({ http_requests_total: 'counter' });
  expect(samples[0]).toEqual({
    name: 'http_requests_total',
    labels: { method: 'POST', route: '/predict', status: '200' },
    value: 1027,
  });
  expect(samples[1].labels.status).toBe('404');
  expect(samples[1].value).toBe(3);
  expect(samples[2].labels).toEqual({ path: 'C:\\tmp', quote: 'say "hi"', nl: 'a\nb' });
  expect(samples[2].value).toBe(-1500);
  expect(samples[3].value).toBeNaN();
  expect(samples[4].value).toBe(Number.POSITIVE_INFINITY);
  expect(samples[5].value).toBe(Number.NEGATIVE_INFINITY);
});

test.each([
  ['<html><body>502 Bad Gateway</body></html>', 'line 1 is not a Prometheus sample (no metric name)'],
  ['http_requests_total{status="200} 1', 'line 1 is not a Prometheus sample (label status'],
  [
    'ok 1\nhttp_requests_total{status=200} 1',
    'line 2 is not a Prometheus sample (label status has no ="value")',
  ],
  ['http_requests_total 12abc', 'value 12abc is not a number'],
  ['http_requests_total', 'no value'],
])('refuses %j naming the line', (text, message) => {
  expect(() => parsePrometheusText(text)).toThrow(message);
});

test('MLOPS_API_URLS: comma-separated base URLs, blanks ignored, anything else refused naming it', () => {
  expect(parseApiUrls(undefined)).toEqual([]);
  expect(parseApiUrls(' ')).toEqual([]);
  expect(parseApiUrls('http://api-1:8000/, https://api-2.example/base/ ,')).toEqual([
    'http://api-1:8000',
    'https://api-2.example/base',
  ]);
  expect(() => parseApiUrls('http://api-1:8000,api-2:8000')).toThrow(
    'MLOPS_API_URLS holds "api-2:8000", not an http(s) URL',
  );
});

test('traffic buckets are whole minutes on fixed boundaries, every one listed, the partial ends said so', () => {
  const hour = trafficBuckets('2026-01-02T22:59:00.000Z', '2026-01-02T23:59:00.000Z');
  expect(hour.minutes).toBe(1);
  expect(hour.starts.length).toBe(61);
  expect(hour.covered.every((m) => m === 1)).toBe(true);
  // 5 minutes and 30 s: still minute buckets (the old dashboard split them into 120 slivers).
  const short = trafficBuckets('2026-01-01T00:00:00.000Z', '2026-01-01T00:05:30.000Z');
  expect(short).toEqual({
    minutes: 1,
    starts: [0, 1, 2, 3, 4, 5].map((m) => Date.parse('2026-01-01T00:00:00Z') + m * 60_000),
    covered: [1, 1, 1, 1, 1, 1],
  });
  // 25 h from 00:10: 15-minute buckets from 00:00, the first covering 5 minutes, the last the minutes up to 01:10.
  const day = trafficBuckets('2026-01-01T00:10:00.000Z', '2026-01-02T01:10:00.000Z');
  expect(day.minutes).toBe(15);
  expect(new Date(day.starts[0]).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  expect(day.covered[0]).toBe(5);
  expect(day.covered.at(-1)).toBe(11);
  expect(day.covered.reduce((a, b) => a + b, 0)).toBe(25 * 60 + 1);
  expect(day.starts.length).toBeLessThanOrEqual(180);
});
