import {
  compareHref,
  filtersOfBox,
  modelHref,
  routeOf,
  runHref,
  runsQueryOf,
  runsSearch,
} from './client/router';

// The browser's router, run in node: it reads nothing but the path it is given.

test.each([
  ['/ui', { page: 'models' }],
  ['/ui/', { page: 'models' }],
  ['/ui/models', { page: 'models' }],
  ['/ui/models/', { page: 'models' }],
  ['/ui/models/churn', { page: 'model', name: 'churn' }],
  ['/ui/models/churn/', { page: 'model', name: 'churn' }],
  ['/ui/models/%3Cimg%3E', { page: 'model', name: '<img>' }],
  ['/ui/runs', { page: 'runs' }],
  ['/ui/runs/', { page: 'runs' }],
  ['/ui/runs/0abc-12ef', { page: 'run', id: '0abc-12ef' }],
  ['/ui/compare', { page: 'compare' }],
  ['/ui/compare/', { page: 'compare' }],
  ['/ui/runs/a%2Fb', { page: 'not-found', path: '/ui/runs/a%2Fb' }],
  ['/ui/experiments', { page: 'not-found', path: '/ui/experiments' }],
  ['/ui/models/churn/versions', { page: 'not-found', path: '/ui/models/churn/versions' }],
])('the address %s is the %o page', (path, route) => {
  expect(routeOf(path)).toEqual(route);
});

test('a broken percent-escape in a model address is a bad address, not an exception', () => {
  expect(routeOf('/ui/models/%E0%A4%A')).toEqual({
    page: 'bad-address',
    message: 'the model name in /ui/models/%E0%A4%A is not valid percent-encoding',
  });
});

test("a model's address round-trips through the router, whatever its name holds", () => {
  for (const name of ['churn', 'a/b', '<script>', 'x?y#z', '%41']) {
    expect(routeOf(modelHref(name))).toEqual({ page: 'model', name });
  }
});

test("a run's address round-trips through the router", () => {
  expect(routeOf(runHref('mfz3k2a1-0c9d8e7f'))).toEqual({ page: 'run', id: 'mfz3k2a1-0c9d8e7f' });
});

test("the runs table's query round-trips through the address, each filter a parameter of its own", () => {
  const query = {
    filters: ['metrics.roc_auc > 0.8', 'params.model = a&b'],
    sort: 'metrics.f1 desc',
    limit: '50',
  };
  expect(runsQueryOf(runsSearch(query))).toEqual(query);
  expect(runsSearch({ filters: [], sort: null, limit: null })).toBe('');
});

test('the filter box splits its conditions on "and", any case, and drops empty ones', () => {
  expect(filtersOfBox(' metrics.roc_auc > 0.8 AND params.model = logistic and ')).toEqual([
    'metrics.roc_auc > 0.8',
    'params.model = logistic',
  ]);
  expect(filtersOfBox('   ')).toEqual([]);
});

test("the compare view's address names the runs in order, and the page it leads to is the compare page", () => {
  const href = compareHref(['0abc-12ef', '0abd-99aa']);
  expect(href).toBe('/ui/compare?runs=0abc-12ef,0abd-99aa');
  const url = new URL(href, 'http://localhost');
  expect(routeOf(url.pathname)).toEqual({ page: 'compare' });
  expect(url.searchParams.get('runs')?.split(',')).toEqual(['0abc-12ef', '0abd-99aa']);
});
