/** The fields of a package.json that publishing reads. */
export interface PublishedManifest {
  name?: string;
  private?: boolean;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  files?: string[];
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  publishConfig?: { access?: string; provenance?: boolean };
}

/**
 * What keeps a library from being published as a consumer needs it, one line per problem
 * naming the field and the fix: public, licensed, pointing at its folder of the repository,
 * shipping only `dist`, one `exports` entry with its types, public on npm, and depending on
 * no package that is itself private (a published package cannot install one).
 */
export function publishingProblems(
  manifest: PublishedManifest,
  dir: string,
  privateWorkspacePackages: ReadonlySet<string>,
): string[] {
  const name = manifest.name ?? dir;
  const problems: string[] = [];
  if (manifest.private) problems.push(`${name}: "private": true: remove it to publish`);
  if (!manifest.license) problems.push(`${name}: no "license": set one (the repository's licence)`);
  const repository = typeof manifest.repository === 'object' ? manifest.repository : undefined;
  if (repository?.directory !== dir)
    problems.push(
      `${name}: "repository.directory" is not "${dir}": npm and provenance link the package to its folder`,
    );
  if (JSON.stringify(manifest.files) !== '["dist"]')
    problems.push(`${name}: "files" is not ["dist"]: ship the build only`);
  const root = manifest.exports?.['.'] as Record<string, unknown> | undefined;
  if (!root || typeof root.types !== 'string' || typeof root.default !== 'string')
    problems.push(
      `${name}: "exports"."." needs "types" and "default" (one CommonJS build serves import and require)`,
    );
  if (manifest.publishConfig?.access !== 'public')
    problems.push(
      `${name}: "publishConfig.access" is not "public": a scoped package publishes private otherwise`,
    );
  for (const dependency of Object.keys(manifest.dependencies ?? {}))
    if (privateWorkspacePackages.has(dependency))
      problems.push(
        `${name}: depends on ${dependency}, which is private: publish it too or drop the dependency`,
      );
  return problems;
}
