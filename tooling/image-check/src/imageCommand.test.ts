import { imageCommand } from './imageCommand';

test('runs the ENTRYPOINT with the CMD when no arguments are given', () => {
  expect(imageCommand({ Entrypoint: ['node', '/app/dist/main.js'], Cmd: ['quickstart'] })).toEqual([
    'node',
    '/app/dist/main.js',
    'quickstart',
  ]);
});

test('arguments replace the CMD, not the ENTRYPOINT', () => {
  expect(
    imageCommand({ Entrypoint: ['node', '/app/dist/main.js'], Cmd: ['quickstart'] }, ['models', 'list']),
  ).toEqual(['node', '/app/dist/main.js', 'models', 'list']);
});

test('without an ENTRYPOINT the arguments are the whole command, as under docker run', () => {
  expect(imageCommand({ Cmd: ['node', 'dist/main.js'] })).toEqual(['node', 'dist/main.js']);
  expect(imageCommand({ Entrypoint: null, Cmd: ['node', 'dist/main.js'] }, ['node', '-v'])).toEqual([
    'node',
    '-v',
  ]);
});

test('refuses an image with nothing to run', () => {
  expect(() => imageCommand({})).toThrow('neither ENTRYPOINT nor CMD');
});
