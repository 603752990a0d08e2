import { readFileSync } from 'node:fs';

/** A headerless numeric CSV the bench wrote (run.mjs's design matrices), row-major. */
export function readMatrix(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const width = lines[0].split(',').length;
  const values = new Float64Array(lines.length * width);
  lines.forEach((line, row) => {
    const cells = line.split(',');
    for (let j = 0; j < width; j += 1) values[row * width + j] = Number(cells[j]);
  });
  return { values, rows: lines.length, width };
}
