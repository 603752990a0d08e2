import * as registry from './index';

test('the public surface of @mlops/registry', () => {
  expect(Object.keys(registry).sort()).toMatchSnapshot();
});
