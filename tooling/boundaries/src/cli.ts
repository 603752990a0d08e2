#!/usr/bin/env node
import { resolve } from 'node:path';
import { checkBoundaries } from './checkBoundaries';

const root = resolve(process.argv[2] ?? '.');
const violations = checkBoundaries(root);
if (violations.length === 0) {
  process.stdout.write('boundaries: no cycles, no forbidden dependencies, no deep imports\n');
} else {
  for (const v of violations) {
    process.stderr.write(`boundaries: [${v.rule}] ${v.where ? `${v.where}: ` : ''}${v.message}\n`);
  }
  process.stderr.write(`boundaries: ${violations.length} violation(s)\n`);
  process.exitCode = 1;
}
