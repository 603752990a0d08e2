import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Finding } from './Finding';
import type { DockerStage } from './parseDockerfile';

interface Copy {
  source: string;
  destination: string;
  /** The stage it copies from; undefined for the build context. */
  from?: string;
}

/**
 * The final stage's command starts a file the image holds: for `node <script>` (from
 * ENTRYPOINT + CMD, as `docker run` joins them) the script, resolved against the last
 * WORKDIR (the container's working directory), lies under a COPY destination, and when that
 * COPY is the build's `dist/` the app has the source it is compiled from (`src/<name>.ts`).
 * Catches a mistyped or moved `CMD ["node", "dist/main.js"]` before any image is built.
 */
export function checkCommand(
  root: string,
  appDir: string,
  final: DockerStage,
  at: (line?: number) => string,
): Finding[] {
  let workdir = '/';
  const copies: Copy[] = [];
  let entrypoint: string[] | undefined;
  let cmd: string[] | undefined;
  let line = final.line;
  for (const instruction of final.instructions) {
    const { keyword, words } = instruction;
    if (keyword === 'WORKDIR' && words[0]) workdir = posix.resolve(workdir, words[0]);
    else if (keyword === 'COPY' && words.length === 2)
      copies.push({
        source: words[0],
        destination: posix.resolve(workdir, words[1]),
        from: instruction.flags.from,
      });
    else if (keyword === 'ENTRYPOINT' || keyword === 'CMD') {
      if (keyword === 'ENTRYPOINT') entrypoint = words;
      else cmd = words;
      line = instruction.line;
    }
  }
  const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
  if (argv.length === 0)
    return [
      {
        rule: 'dockerfile-command',
        file: at(final.line),
        message: 'the final stage has no CMD or ENTRYPOINT: the container would run nothing',
      },
    ];
  if (posix.basename(argv[0]) !== 'node') return [];
  const script = argv.slice(1).find((word) => !word.startsWith('-'));
  if (!script || argv.slice(1).some((word) => word === '-e' || word === '--eval')) return [];
  const path = posix.resolve(workdir, script);
  const copy = copies.find((c) => path.startsWith(`${c.destination.replace(/\/$/, '')}/`));
  if (!copy)
    return [
      {
        rule: 'dockerfile-command',
        file: at(line),
        message: `the command runs ${path} (${script} from WORKDIR ${workdir}), which no COPY of the final stage puts there: fix the path in CMD/ENTRYPOINT`,
      },
    ];
  const rest = posix.relative(copy.destination, path);
  const built = copy.from !== undefined && /(^|\/)dist\/?$/.test(copy.source);
  const source = built
    ? join(root, appDir, 'src', rest.replace(/\.js$/, '.ts'))
    : join(root, copy.source, rest);
  if (existsSync(source)) return [];
  return [
    {
      rule: 'dockerfile-command',
      file: at(line),
      message: built
        ? `the command runs ${path}, but ${appDir}/src/${rest.replace(/\.js$/, '.ts')} does not exist, so the build makes no dist/${rest}: fix the path in CMD/ENTRYPOINT`
        : `the command runs ${path}, but ${copy.source}/${rest} is not in the build context: fix the path in CMD/ENTRYPOINT`,
    },
  ];
}
