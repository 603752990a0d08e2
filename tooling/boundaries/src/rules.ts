/**
 * The allowed direction of dependencies between the workspace's libraries, from
 * ARCHITECTURE.md: features ← models ← registry, features ← drift. Apps may use any
 * library; no library may use an app; tooling packages are free for everyone.
 * A library missing from this map may depend on no other library.
 */
export const allowedLibraryDependencies: Readonly<Record<string, readonly string[]>> = {
  '@mlops/logger': [],
  '@mlops/features': [],
  '@mlops/models': ['@mlops/features'],
  '@mlops/registry': ['@mlops/features', '@mlops/models'],
  '@mlops/drift': ['@mlops/features'],
};

/** Workspace folders and what kind of part lives in each. */
export const workspaceFolders = { apps: 'app', packages: 'library', tooling: 'tooling' } as const;

export type PartKind = (typeof workspaceFolders)[keyof typeof workspaceFolders];
