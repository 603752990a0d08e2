import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { ReadmeSnippet } from './readmeSnippets';

/** How one snippet ran. */
export interface SnippetRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a README snippet as a program: type-checked against the packages it
 * imports (a wrong name or argument fails here, as it would for a reader),
 * compiled to CommonJS with its statements inside an async function (so
 * `await` works as written), and executed by a real `node` from a file placed
 * in `packageDir` (so the package and its dependencies resolve by name, as for a
 * user) with a fresh temporary folder as the working directory.
 */
export function runSnippet(snippet: ReadmeSnippet, packageDir: string, timeoutMs = 120_000): SnippetRun {
  const { imports, body, origin } = splitImports(snippet.code);
  const lines = [
    ...imports,
    'export {};',
    '(async () => {',
    ...body,
    '})().catch((error) => { console.error(error); process.exit(1); });',
  ];
  // README line of each generated line (imports first, then the body), for messages.
  const readmeLine = [...origin.imports, -1, -1, ...origin.body, -1].map((i) =>
    i < 0 ? undefined : snippet.line + 1 + i,
  );
  const source = `${lines.join('\n')}\n`;
  const folder = join(packageDir, '.readme-snippets');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `line-${snippet.line}.ts`);
  writeFileSync(file, source);
  const cwd = mkdtempSync(join(tmpdir(), 'readme-snippet-'));
  try {
    const problems = typeProblems(file, readmeLine);
    if (problems) return { status: 2, stdout: '', stderr: problems };
    const compiled = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    const script = file.replace(/\.ts$/, '.js');
    writeFileSync(script, compiled);
    const run = spawnSync(process.execPath, [script], { cwd, encoding: 'utf8', timeout: timeoutMs });
    return {
      status: run.status,
      stdout: run.stdout,
      stderr: run.stderr + (run.error ? String(run.error) : ''),
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Import lines stay at the top level; everything else runs in the async body. */
function splitImports(code: string): {
  imports: string[];
  body: string[];
  origin: { imports: number[]; body: number[] };
} {
  const imports: string[] = [];
  const body: string[] = [];
  const origin = { imports: [] as number[], body: [] as number[] };
  let inImport = false;
  code.split('\n').forEach((line, i) => {
    if (inImport || /^import\s/.test(line)) {
      imports.push(line);
      origin.imports.push(i);
      inImport = !/;\s*(\/\/.*)?$/.test(line);
    } else {
      body.push(line);
      origin.body.push(i);
    }
  });
  return { imports, body, origin };
}

function typeProblems(file: string, readmeLine: Array<number | undefined>): string | undefined {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
  if (diagnostics.length === 0) return undefined;
  return diagnostics
    .map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const line = at ? readmeLine[at.line] : undefined;
      return `README line ${line ?? '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    })
    .join('\n');
}
