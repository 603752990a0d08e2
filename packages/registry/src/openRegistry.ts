import { FileSystemRunStore } from './runs/FileSystemRunStore';
import { FileSystemStore } from './storage/FileSystemStore';
import { storeLayout } from './storeLayout';
import { ModelRegistry } from './versions/ModelRegistry';

/** The registry on the embedded default: a folder under `home` (the app's `MLOPS_HOME`). */
export function openRegistry(home: string): ModelRegistry {
  return new ModelRegistry(new FileSystemStore(storeLayout(home).models));
}

/** The run store on the embedded default: `<home>/runs`. */
export function openRunStore(home: string): FileSystemRunStore {
  return new FileSystemRunStore(storeLayout(home).runs);
}
