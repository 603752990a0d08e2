/** One sample of a Prometheus text exposition: a metric name, its labels and its value. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** What {@link parsePrometheusText} read: every sample, and each family's `# TYPE`. */
export interface PrometheusText {
  samples: PrometheusSample[];
  types: Record<string, string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * Parses the Prometheus text exposition format 0.0.4 (what prom-client's `metrics()`
 * writes): `# HELP` and `# TYPE` lines, other comments, and samples
 * `name{label="value",…} value [timestamp]` with the label escapes `\\`, `\"` and
 * `\n`, and the values `NaN`, `+Inf`, `-Inf`. A line that is none of these throws a
 * `SyntaxError` naming its number, so an answer that is not metrics is never half-read.
 */
export function parsePrometheusText(text: string): PrometheusText {
  const samples: PrometheusSample[] = [];
  const types: Record<string, string> = {};
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n].trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const type = /^#\s*TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\w+)\s*$/.exec(line);
      if (type) types[type[1]] = type[2];
      continue;
    }
    samples.push(sampleOf(line, n + 1));
  }
  return { samples, types };
}

function sampleOf(line: string, number: number): PrometheusSample {
  const fail = (why: string): never => {
    throw new SyntaxError(`line ${number} is not a Prometheus sample (${why}): ${line.slice(0, 80)}`);
  };
  const name = NAME.exec(line)?.[0] ?? fail('no metric name');
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at += 1;
    for (;;) {
      while (line[at] === ' ') at += 1;
      if (line[at] === '}') {
        at += 1;
        break;
      }
      const label = LABEL.exec(line.slice(at))?.[0] ?? fail('bad label name');
      at += label.length;
      if (line[at] !== '=' || line[at + 1] !== '"') fail(`label ${label} has no ="value"`);
      at += 2;
      let value = '';
      for (;;) {
        const c = line[at];
        if (c === undefined) fail(`label ${label}'s value is not closed`);
        at += 1;
        if (c === '"') break;
        if (c === '\\') {
          const next = line[at];
          at += 1;
          value += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : fail('bad escape');
        } else value += c;
      }
      labels[label] = value;
      while (line[at] === ' ') at += 1;
      if (line[at] === ',') at += 1;
      else if (line[at] !== '}') fail('labels not separated by commas');
    }
  }
  const rest = line.slice(at).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') fail('no value');
  const value = sampleValue(rest[0]) ?? fail(`value ${rest[0]} is not a number`);
  if (rest.length === 2 && !/^-?\d+$/.test(rest[1])) fail(`timestamp ${rest[1]} is not whole milliseconds`);
  return { name, labels, value };
}

function sampleValue(text: string): number | undefined {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
