import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { writeFileAtomic } from '@mlops/features';
import { RegistryError } from '../errors';
import { pathUnder } from '../names/pathUnder';
import { processExists } from '../processExists';
import type { NewRun, RunRecord } from './RunRecord';
import type { RunEnd, RunQuery, RunStore } from './RunStore';
import { compareRuns, matchesFilter } from './runQuery';

const INDEX = 'index.jsonl';

/**
 * Runs on the filesystem: each run's full record and artifacts in its own folder,
 * and one append-only index of run states, so listing 10,000 runs reads one file
 * instead of 10,000. Several processes may append at once: each state is one short
 * line written with O_APPEND; the last line of a run wins; a torn line is skipped.
 * Every path is built by {@link pathUnder}, so no id or artifact name leaves `root`.
 * A run records the pid and host that started it; when a `running` run is read
 * (`get`, `list`) and that process is gone from this host, the run is reported, and
 * saved, as `abandoned`.
 */
export class FileSystemRunStore implements RunStore {
  constructor(readonly root: string) {}

  async start(input: NewRun): Promise<RunRecord> {
    const run: RunRecord = {
      id: `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`,
      experiment: input.experiment,
      kind: input.kind,
      status: 'running',
      parentId: input.parentId,
      startTime: new Date().toISOString(),
      params: input.params ?? {},
      metrics: {},
      tags: input.tags ?? {},
      artifacts: [],
      pid: process.pid,
      host: hostname(),
    };
    await this.save(run);
    return run;
  }

  async logMetrics(id: string, metrics: Record<string, number>): Promise<RunRecord> {
    const run = await this.get(id);
    run.metrics = { ...run.metrics, ...metrics };
    await this.save(run);
    return run;
  }

  async addArtifact(id: string, name: string, content: string | Uint8Array): Promise<string> {
    if (!/^[\w.-]+$/.test(name) || /^\.+$/.test(name)) {
      throw new RegistryError(
        'bad-name',
        `artifact name '${name}' is not allowed: use letters, digits, '.', '-' or '_' (not only dots)`,
      );
    }
    const run = await this.get(id);
    const path = pathUnder(this.root, run.id, 'artifacts', name);
    await writeFileAtomic(path, content);
    if (!run.artifacts.includes(name)) {
      run.artifacts.push(name);
      await this.save(run);
    }
    return path;
  }

  async end(id: string, end: RunEnd): Promise<RunRecord> {
    const run = await this.get(id);
    run.status = end.status;
    run.endTime = new Date().toISOString();
    run.metrics = { ...run.metrics, ...(end.metrics ?? {}) };
    if (end.error) run.error = end.error;
    await this.save(run);
    return run;
  }

  async get(id: string): Promise<RunRecord> {
    if (!/^[\w-]+$/.test(id)) throw new RegistryError('unknown-run', `no run with id '${id}'`);
    let run: RunRecord;
    try {
      run = JSON.parse(await readFile(pathUnder(this.root, id, 'run.json'), 'utf8')) as RunRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new RegistryError('unknown-run', `no run with id '${id}': see \`mlops runs list\``);
      }
      throw error;
    }
    return this.markIfAbandoned(run);
  }

  async list(query: RunQuery = {}): Promise<RunRecord[]> {
    let text: string;
    try {
      text = await readFile(pathUnder(this.root, INDEX), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const latest = new Map<string, RunRecord>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const run = JSON.parse(line) as RunRecord;
        latest.set(run.id, run);
      } catch {
        // a line torn by a killed writer: its run's previous state stays
      }
    }
    // A running run whose process died is re-read from its folder and marked abandoned.
    for (const [id, run] of latest) if (isAbandoned(run)) latest.set(id, await this.get(id).catch(() => run));
    let runs = [...latest.values()];
    for (const filter of query.filters ?? []) runs = runs.filter((run) => matchesFilter(run, filter));
    runs.sort(compareRuns(query.sort));
    return query.limit === undefined ? runs : runs.slice(0, query.limit);
  }

  /** A `running` run whose process is gone from this host becomes `abandoned`, saved as such. */
  private async markIfAbandoned(run: RunRecord): Promise<RunRecord> {
    if (!isAbandoned(run)) return run;
    const abandoned: RunRecord = {
      ...run,
      status: 'abandoned',
      error: `the process ${run.pid} on ${run.host} ended without finishing the run`,
    };
    await this.save(abandoned);
    return abandoned;
  }

  private async save(run: RunRecord): Promise<void> {
    await writeFileAtomic(pathUnder(this.root, run.id, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
    await mkdir(this.root, { recursive: true });
    await appendFile(pathUnder(this.root, INDEX), `${JSON.stringify(run)}\n`);
  }
}

/** Whether a run says `running` but the process that started it is gone from this host. */
function isAbandoned(run: RunRecord): boolean {
  return (
    run.status === 'running' &&
    run.host === hostname() &&
    typeof run.pid === 'number' &&
    !processExists(run.pid)
  );
}
