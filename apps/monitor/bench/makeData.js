// Writes 2 × rows × columns float64 (reference columns, then current columns), seeded.
// Columns 0-1 of the current data are shifted, so some columns drift.
const { writeFileSync } = require('node:fs');
const { createRng } = require('@mlops/features');
const [file, rowsText, columnsText] = process.argv.slice(2);
const rows = Number(rowsText);
const columns = Number(columnsText);
const rng = createRng(42);
const data = new Float64Array(2 * rows * columns);
for (let side = 0; side < 2; side += 1) {
  for (let c = 0; c < columns; c += 1) {
    const offset = (side * columns + c) * rows;
    const shift = side === 1 && c < 2 ? 0.05 * (c + 1) : 0;
    for (let i = 0; i < rows; i += 1) data[offset + i] = 10 * c + (1 + c / 10) * rng.normal() + shift;
  }
}
writeFileSync(file, Buffer.from(data.buffer));
