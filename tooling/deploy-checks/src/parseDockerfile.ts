/** One instruction of a Dockerfile, continuation lines joined. */
export interface DockerInstruction {
  /** Upper-case keyword: `FROM`, `COPY`, `RUN`, … */
  keyword: string;
  /** Everything after the keyword, flags included. */
  args: string;
  /** `--name=value` flags at the start of `args` (`--from`, `--chown`, `--mount`, …). */
  flags: Record<string, string>;
  /** Arguments after the flags, split on whitespace or taken from the JSON array form. */
  words: string[];
  /** 1-based line where the instruction starts. */
  line: number;
}

/** A build stage: its `FROM` and the instructions up to the next one. */
export interface DockerStage {
  /** The name after `AS`, or the stage's index as a string. */
  name: string;
  /** The image (or earlier stage) it starts from. */
  from: string;
  line: number;
  instructions: DockerInstruction[];
}

/** A parsed Dockerfile: global `ARG`s before the first `FROM`, then the stages in order. */
export interface Dockerfile {
  args: Record<string, string>;
  stages: DockerStage[];
}

const KEYWORDS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

/**
 * Parses Dockerfile text into stages (the subset of the syntax the checks need: comments,
 * `\` continuations, flags, the JSON array form). Throws on an unknown instruction, naming its line.
 */
export function parseDockerfile(text: string): Dockerfile {
  const instructions: DockerInstruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const first = lines[i].trim();
    if (first === '' || first.startsWith('#')) continue;
    const start = i + 1;
    let joined = first;
    // A trailing backslash continues the instruction; comment lines inside it are dropped.
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      joined = joined.slice(0, -1).trimEnd();
      i += 1;
      const next = lines[i].trim();
      if (next.startsWith('#')) {
        joined += ' \\';
        continue;
      }
      joined += ` ${next}`;
    }
    const match = /^(\S+)\s*(.*)$/.exec(joined)!;
    const keyword = match[1].toUpperCase();
    if (!KEYWORDS.has(keyword)) throw new Error(`line ${start}: unknown instruction '${match[1]}'`);
    instructions.push({ keyword, line: start, ...splitArgs(match[2]) });
  }
  const parsed: Dockerfile = { args: {}, stages: [] };
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.words;
      parsed.stages.push({
        name: as?.toUpperCase() === 'AS' && name ? name : String(parsed.stages.length),
        from,
        line: instruction.line,
        instructions: [],
      });
    } else if (parsed.stages.length === 0) {
      if (instruction.keyword === 'ARG') Object.assign(parsed.args, keyValues(instruction.words));
    } else {
      parsed.stages.at(-1)!.instructions.push(instruction);
    }
  }
  return parsed;
}

function splitArgs(args: string): Pick<DockerInstruction, 'args' | 'flags' | 'words'> {
  const flags: Record<string, string> = {};
  let rest = args;
  for (;;) {
    const flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!flag) break;
    flags[flag[1]] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  let words: string[];
  if (rest.startsWith('[')) {
    try {
      words = JSON.parse(rest) as string[];
    } catch {
      words = rest.split(/\s+/).filter(Boolean);
    }
  } else {
    words = rest.split(/\s+/).filter(Boolean);
  }
  return { args, flags, words };
}

/** `KEY=value` pairs of an `ENV`/`ARG`/`LABEL` (and the legacy `ENV KEY value` form), quotes removed. */
export function keyValues(words: string[]): Record<string, string> {
  const unquote = (value: string) => value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  if (words.length >= 2 && !words[0].includes('=')) {
    return { [words[0]]: unquote(words.slice(1).join(' ')) };
  }
  const values: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) values[word] = '';
    else values[word.slice(0, eq)] = unquote(word.slice(eq + 1));
  }
  return values;
}
