import * as testkit from './index';

test('the public surface of @mlops/testkit', () => {
  expect(Object.keys(testkit).sort()).toMatchSnapshot();
});
