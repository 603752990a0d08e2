import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The temporary folders of one test: the store (`MLOPS_HOME`) and the folder commands run from. */
export interface CliFolders {
  home: string;
  work: string;
}

/** Fresh folders for every test of the calling file, removed after each. */
export function useTempFolders(): CliFolders {
  const folders: CliFolders = { home: '', work: '' };
  beforeEach(() => {
    folders.home = mkdtempSync(join(tmpdir(), 'mlops-home-'));
    folders.work = mkdtempSync(join(tmpdir(), 'mlops-work-'));
  });
  afterEach(() => {
    rmSync(folders.home, { recursive: true, force: true });
    rmSync(folders.work, { recursive: true, force: true });
  });
  return folders;
}
