import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The pid of the container's own process under a `buildah run` (pid `runner`): the nearest
 * descendant running `argv0` (compared by file name). `buildah run` answers SIGTERM by killing its
 * child, so a clean stop (what `docker stop` does: SIGTERM to the container's first
 * process) has to signal that process itself.
 */
export function containerProcess(runner: number, argv0: string): number | undefined {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const queue = [...(children.get(runner) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const first = commandLine(pid)[0];
    // The runtime execs the program by its resolved path (/usr/local/bin/node for `node`).
    if (first !== undefined && basename(first) === basename(argv0)) return pid;
    queue.push(...(children.get(pid) ?? []));
  }
  return undefined;
}
