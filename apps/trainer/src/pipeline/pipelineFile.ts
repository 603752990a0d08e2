import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CliError } from '../CliError';
import { substituteParams } from './substituteParams';

/** One stage of a pipeline: a command, the files it reads and writes, and the params it depends on. */
export interface Stage {
  name: string;
  /** The command as written, referring to params as `${name}`. */
  cmd: string;
  /**
   * `cmd` with its params substituted (shell-quoted): what runs, by `sh -c` in the
   * pipeline file's folder (a leading `mlops ` runs this CLI), and what the lock records.
   */
  command: string;
  deps: string[];
  outs: string[];
  /** Values the command receives as `${name}`; a change re-runs the stage. */
  params: Record<string, unknown>;
}

/** A parsed pipeline file. */
export interface Pipeline {
  path: string;
  /** Folder the stages run in, and paths are relative to. */
  dir: string;
  stages: Stage[];
}

/**
 * Reads a pipeline file (YAML: `stages: {name: {cmd, deps, outs, params}}`) and checks it:
 * every stage has a command, every param reaches it (and it uses no other), no output
 * is written by two stages, and the stages form no cycle. Errors name the stage and the fix.
 */
export function readPipelineFile(path: string): Pipeline {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read pipeline ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  const stagesNode = (document as { stages?: unknown } | null)?.stages;
  if (!stagesNode || typeof stagesNode !== 'object' || Array.isArray(stagesNode)) {
    throw new CliError(`${path} has no 'stages' mapping: write 'stages:' then one entry per stage`);
  }
  const stages: Stage[] = Object.entries(stagesNode as Record<string, unknown>).map(([name, value]) => {
    const node = (value ?? {}) as Record<string, unknown>;
    if (typeof node.cmd !== 'string' || node.cmd.trim() === '') {
      throw new CliError(`${path}: stage '${name}' needs a 'cmd' (the command to run)`);
    }
    const params = node.params ?? {};
    if (typeof params !== 'object' || Array.isArray(params)) {
      throw new CliError(`${path}: 'params' of stage '${name}' must be a mapping of names to values`);
    }
    return {
      name,
      cmd: node.cmd,
      command: substituteParams(path, name, node.cmd, params as Record<string, unknown>),
      deps: stringList(path, name, 'deps', node.deps),
      outs: stringList(path, name, 'outs', node.outs),
      params: params as Record<string, unknown>,
    };
  });
  const writer = new Map<string, string>();
  for (const stage of stages) {
    for (const out of stage.outs) {
      const other = writer.get(out);
      if (other) throw new CliError(`${path}: '${out}' is an output of both '${other}' and '${stage.name}'`);
      writer.set(out, stage.name);
    }
  }
  const pipeline = { path, dir: path.replace(/\/[^/]*$/, '') || '.', stages };
  stageOrder(pipeline);
  return pipeline;
}

/** The stages each stage waits for: the writers of its deps. */
export function upstreamOf(pipeline: Pipeline): Map<string, string[]> {
  const writer = new Map<string, string>();
  for (const stage of pipeline.stages) for (const out of stage.outs) writer.set(out, stage.name);
  return new Map(
    pipeline.stages.map((stage) => [
      stage.name,
      [
        ...new Set(
          stage.deps.map((dep) => writer.get(dep)).filter((name): name is string => name !== undefined),
        ),
      ],
    ]),
  );
}

/** Stages in an order where each comes after its upstream stages; a cycle is an error naming it. */
export function stageOrder(pipeline: Pipeline): string[] {
  const upstream = upstreamOf(pipeline);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new CliError(`${pipeline.path}: stages form a cycle: ${[...path, name].join(' → ')}`);
    }
    state.set(name, 'visiting');
    for (const up of upstream.get(name) ?? []) visit(up, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const stage of pipeline.stages) visit(stage.name, []);
  return order;
}

function stringList(path: string, stage: string, field: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new CliError(`${path}: '${field}' of stage '${stage}' must be a list of file paths`);
  }
  return value as string[];
}
