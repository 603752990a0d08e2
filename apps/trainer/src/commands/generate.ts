import { getDatasetGenerator, schemaPathFor, writeDataset, writeSchemaFile } from '@mlops/features';
import { CliError } from '../CliError';
import { type CommandContext, printResult, userPath } from '../CommandContext';

/** Options of `mlops generate`. */
export interface GenerateOptions {
  name: string;
  rows?: number;
  /** @default 42 */
  seed?: number;
  /** @default data/<name>.arrow */
  out?: string;
}

/** What `mlops generate` made. */
export interface GenerateResult {
  dataset: string;
  rows: number;
  seed: number;
  path: string;
  schema_path: string;
}

/**
 * Generates a seeded dataset in the format its file name asks for (`.arrow`, `.csv`,
 * `.parquet`…), with its schema beside it (`<name>.schema.json`).
 */
export async function generate(context: CommandContext, options: GenerateOptions): Promise<GenerateResult> {
  const generator = getDatasetGenerator(options.name);
  const rows = options.rows ?? generator.defaultRows;
  if (!Number.isInteger(rows) || rows < 10)
    throw new CliError(`--rows must be an integer of at least 10, got ${options.rows}`);
  const seed = options.seed ?? 42;
  const path = userPath(context, options.out ?? `data/${options.name}.arrow`);
  context.logger.info(`generating ${options.name}`, { rows, seed });
  const table = generator.generate(rows, seed);
  await writeDataset(path, table);
  const schemaPath = schemaPathFor(path);
  await writeSchemaFile(schemaPath, generator.schema);
  const result = { dataset: options.name, rows, seed, path, schema_path: schemaPath };
  printResult(context, result, `wrote ${rows} rows of ${options.name} (seed ${seed}) to ${path}`);
  return result;
}
