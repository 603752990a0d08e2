import * as models from './index';

test('the public surface of @mlops/models', () => {
  expect(Object.keys(models).sort()).toMatchSnapshot();
});
