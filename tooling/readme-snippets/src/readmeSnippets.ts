import { readFileSync } from 'node:fs';

/** One fenced TypeScript block of a README, with the line it starts on. */
export interface ReadmeSnippet {
  /** 1-based line of the opening fence, for messages. */
  line: number;
  code: string;
}

const FENCE = /^```(\w*)\s*$/;

/**
 * The fenced ```ts blocks of a Markdown file, in order. A block whose opening
 * fence says `ts no-run` is documentation of a shape, not a program, and is left out.
 */
export function readmeSnippets(path: string): ReadmeSnippet[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const snippets: ReadmeSnippet[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = FENCE.exec(lines[i]);
    if (!open || !['ts', 'typescript'].includes(open[1]) || /no-run/.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i += 1) body.push(lines[i]);
    snippets.push({ line: start + 1, code: body.join('\n') });
  }
  return snippets;
}
