// Runs wrk (/usr/bin/wrk) with a generated Lua script and parses its summary.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * @param {object} options
 * @param {string} options.url
 * @param {string} [options.body] JSON body to POST; none: a GET
 * @param {string} options.dir where the Lua script is written
 * @param {number} [options.threads=2]
 * @param {number} [options.connections=32]
 * @param {number} [options.seconds=10]
 * @param {number} [options.delayMs] pause of each connection between requests (rate limiting)
 */
export async function runWrk(options) {
  const threads = options.threads ?? 2;
  const lua = [
    ...(options.body === undefined
      ? ['wrk.method = "GET"']
      : [
          'wrk.method = "POST"',
          `wrk.body = ${JSON.stringify(options.body)}`,
          'wrk.headers["Content-Type"] = "application/json"',
        ]),
    options.delayMs ? `function delay() return ${options.delayMs} end` : '',
  ].join('\n');
  const script = join(options.dir, `wrk-${process.pid}.lua`);
  writeFileSync(script, lua);
  // Asynchronous, so the bench process keeps draining the servers' log pipes meanwhile.
  const { stdout: output } = await promisify(execFile)(
    '/usr/bin/wrk',
    [
      `-t${threads}`,
      `-c${options.connections ?? 32}`,
      `-d${options.seconds ?? 10}s`,
      '--latency',
      '-s',
      script,
      options.url,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return parseWrk(output);
}

/** Requests/s, p50/p99 (ms), request count and non-2xx count from wrk's text output. */
export function parseWrk(output) {
  const number = (re) => {
    const m = re.exec(output);
    return m ? Number(m[1]) : Number.NaN;
  };
  const ms = (label) => {
    const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
    if (!m) return Number.NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  };
  return {
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    non2xx: number(/Non-2xx or 3xx responses:\s+(\d+)/) || 0,
    errors: /Socket errors/.test(output) ? output.match(/Socket errors:.*/)[0] : '',
    p50: ms('50%'),
    p99: ms('99%'),
  };
}
