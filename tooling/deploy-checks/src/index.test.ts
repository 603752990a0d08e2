import * as api from './index';

test('exports the public surface', () => {
  expect(Object.keys(api).sort()).toMatchSnapshot();
});
