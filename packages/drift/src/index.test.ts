import * as drift from './index';

test('the public surface of @mlops/drift', () => {
  expect(Object.keys(drift).sort()).toMatchSnapshot();
});
