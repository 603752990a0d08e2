import * as features from './index';

test('the public surface of @mlops/features', () => {
  expect(Object.keys(features).sort()).toMatchSnapshot();
});
