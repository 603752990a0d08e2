import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianMirror } from './debianMirror';

let apt: string;
beforeEach(() => {
  apt = mkdtempSync(join(tmpdir(), 'apt-'));
  mkdirSync(join(apt, 'sources.list.d'));
});
afterEach(() => rmSync(apt, { recursive: true, force: true }));

test('reads the URIs of the deb822 stanza that lists the suite', () => {
  writeFileSync(
    join(apt, 'sources.list.d', 'debian.sources'),
    'Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n\nTypes: deb\n# a comment\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n',
  );
  expect(debianMirror('bookworm', apt)).toBe('http://mirror.example/debian');
});

test('falls back to a one-line deb entry, options and all', () => {
  writeFileSync(join(apt, 'sources.list'), 'deb [arch=amd64] http://old.example/debian bookworm main\n');
  expect(debianMirror('bookworm', apt)).toBe('http://old.example/debian');
  expect(debianMirror('trixie', apt)).toBeUndefined();
});
