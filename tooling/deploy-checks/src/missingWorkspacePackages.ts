import { closure, type WorkspacePackage } from './workspace';

/** What a Dockerfile does with the workspace, as {@link checkDockerfile} reads it. */
export interface ImageModel {
  /** Targets of `turbo prune <target> --docker`. */
  pruned: string[];
  /** The pruned `full/` tree is copied into a build stage. */
  prunedCopied?: boolean;
  /** Paths copied from the build context (`packages/features`, `apps/api`, …). */
  copiedDirs: string[];
  /** `COPY . .` from the build context. */
  copiesEverything: boolean;
  /** `--filter` values of the build runs (`@mlops/api...`); `*` for an unfiltered build. */
  built: string[];
  /** `--filter` values of `pnpm deploy` runs. */
  deployed: string[];
  /** The final stage copies the deploy output's node_modules. */
  finalHasDeployModules?: boolean;
}

/** A workspace package the app needs at run time that its image would not contain, and why. */
export interface MissingPackage {
  name: string;
  reason: string;
}

/**
 * Follows the app's `dependencies` across the workspace (transitively) and, for each package,
 * checks that its sources reach the build (turbo prune output or a direct COPY), that it is
 * built when it is consumed from build output, that `pnpm deploy` carries its output (`files`),
 * and that the final stage copies the deployed `node_modules`.
 */
export function missingWorkspacePackages(
  packages: Map<string, WorkspacePackage>,
  app: string,
  image: ImageModel,
): MissingPackage[] {
  const needed = closure(packages, app, false).filter((name) => packages.has(name));
  const sources = new Set<string>();
  if (image.copiesEverything) for (const name of packages.keys()) sources.add(name);
  if (image.prunedCopied)
    for (const target of image.pruned) for (const n of closure(packages, target, true)) sources.add(n);
  for (const pkg of packages.values()) {
    if (image.copiedDirs.some((dir) => dir === pkg.dir || pkg.dir.startsWith(`${dir}/`)))
      sources.add(pkg.name);
  }
  const built = new Set<string>();
  for (const filter of image.built) {
    if (filter === '*') for (const name of packages.keys()) built.add(name);
    else if (filter.endsWith('...'))
      for (const n of closure(packages, filter.slice(0, -3), true)) built.add(n);
    else built.add(filter);
  }
  const deployed = image.deployed.some((filter) => filter === app || filter === `${app}...`);
  const missing: MissingPackage[] = [];
  for (const name of needed) {
    const pkg = packages.get(name)!;
    const role = name === app ? 'the app itself' : `a dependency of ${app}`;
    if (!sources.has(name)) {
      missing.push({
        name,
        reason: `${role}, but its folder ${pkg.dir} never reaches the build stage (prune with 'turbo prune ${app} --docker' and copy its full/ output, or COPY ${pkg.dir})`,
      });
    } else if (pkg.builds && pkg.outputDir && !built.has(name)) {
      missing.push({
        name,
        reason: `${role}, consumed from ${pkg.outputDir}/, but never built (build with --filter=${app}...)`,
      });
    } else if (
      name !== app &&
      pkg.outputDir &&
      pkg.files &&
      !pkg.files.some((f) => f.replace(/^\.\//, '').split('/')[0] === pkg.outputDir)
    ) {
      missing.push({
        name,
        reason: `its package.json "files" leaves out ${pkg.outputDir}/, so pnpm deploy copies no code; add "${pkg.outputDir}" to files`,
      });
    } else if (name !== app && (!deployed || !image.finalHasDeployModules)) {
      missing.push({
        name,
        reason: deployed
          ? 'the final stage does not copy the deploy output node_modules (COPY --from=<build> <deploy dir>/node_modules)'
          : `no 'pnpm --filter ${app} deploy --prod <dir>' puts it in a production node_modules`,
      });
    }
  }
  return missing;
}
