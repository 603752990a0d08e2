import { resolve } from 'node:path';
import type { DriftTest } from '@mlops/drift';
import type { Command } from 'commander';
import { type DriftFilesResult, driftFiles } from '../driftFiles';
import { exitCodeForLevel } from '../exitCodes';
import type { CommandContext } from './CommandContext';
import { checkThreshold, fmt, jsonOption, list, positiveNumber, testOption } from './options';

/** Options of `monitor drift`, as commander parses them. */
export interface DriftOptions {
  reference: string;
  current: string;
  columns?: string[];
  test?: DriftTest;
  threshold?: number;
  json?: boolean;
}

/** Adds `monitor drift` to `program`: two files compared column by column, no model needed. */
export function addDriftCommand(program: Command, context: CommandContext): Command {
  return program
    .command('drift')
    .description(
      'compare two CSV/Arrow files column by column; no model needed; exit 0 stable, 1 watch, 2 retrain',
    )
    .requiredOption('--reference <file>', 'reference data (CSV or Arrow)')
    .requiredOption('--current <file>', 'current data (CSV or Arrow)')
    .option('--columns <a,b>', 'columns to compare (default: all both files have, but ids and times)', list)
    .addOption(testOption())
    .option('--threshold <x>', 'threshold for every column (p-value for ks/chi2)', positiveNumber)
    .addOption(jsonOption())
    .action((options: DriftOptions, command: Command) => {
      checkThreshold(command, options.test, options.threshold);
      const { config, io } = context;
      const summary = driftFiles({
        reference: resolve(config.cwd, options.reference),
        current: resolve(config.cwd, options.current),
        columns: options.columns,
        test: options.test,
        threshold: options.threshold,
      });
      io.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : driftSummaryText(summary));
      context.setExitCode(exitCodeForLevel(summary.level));
    });
}

/**
 * The text `monitor drift` prints: one line per column tested (its test, `chi2 for ks` when
 * `--test` gave way to its counterpart) or skipped, then the verdict.
 */
export function driftSummaryText(summary: DriftFilesResult): string {
  const columns = summary.columns.map(
    (c) =>
      `${c.column.padEnd(24)} ${(c.requestedTest ? `${c.test} for ${c.requestedTest}` : c.test).padEnd(14)} statistic ${fmt(c.statistic)}${c.pValue !== undefined ? `  p ${fmt(c.pValue)}` : ''}  threshold ${c.threshold}  ${c.drifted ? 'DRIFT' : 'ok'}\n`,
  );
  const skipped = summary.skipped.map((s) => `${s.column.padEnd(24)} skipped: ${s.reason}\n`);
  const notTested = summary.skipped.length
    ? `; ${summary.skipped.length} not tested: ${summary.skipped.map((s) => s.column).join(', ')}`
    : '';
  const verdict = `${summary.level.toUpperCase()}: ${summary.driftedColumns}/${summary.columns.length} columns drifted (share ${fmt(summary.driftShare)})${notTested}\n`;
  return [...columns, ...skipped, verdict].join('');
}
