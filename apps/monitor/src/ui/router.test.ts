import { modelHref, routeOf } from './client/router';

// The browser's router, run in node: it reads nothing but the path it is given.

test.each([
  ['/ui', { page: 'models' }],
  ['/ui/', { page: 'models' }],
  ['/ui/models', { page: 'models' }],
  ['/ui/models/', { page: 'models' }],
  ['/ui/models/churn', { page: 'model', name: 'churn' }],
  ['/ui/models/churn/', { page: 'model', name: 'churn' }],
  ['/ui/models/%3Cimg%3E', { page: 'model', name: '<img>' }],
  ['/ui/runs', { page: 'not-found', path: '/ui/runs' }],
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
