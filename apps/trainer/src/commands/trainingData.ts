import { existsSync } from 'node:fs';
import {
  type ColumnSpec,
  type DatasetSchema,
  type DataTable,
  featureColumns,
  readDataset,
  type Task,
} from '@mlops/features';
import { CliError } from '../CliError';
import { type CommandContext, userPath } from '../CommandContext';
import { schemaPathFor } from './generate';
import { readSchemaFile } from './prepare';

/** A dataset ready to train on: the table, its schema when it has one, and the label and task. */
export interface TrainingData {
  dataPath: string;
  table: DataTable;
  schema?: DatasetSchema;
  target: string;
  task: Task;
  /** The inputs' specs from the schema; inferred by the trainer when the data has no schema. */
  features?: ColumnSpec[];
}

/**
 * Reads a training file and works out its label and task: from the options, else
 * from the schema kept beside the file (`x.schema.json`). Errors say which option is missing.
 */
export function loadTrainingData(
  context: CommandContext,
  options: { data: string; target?: string; task?: Task },
): TrainingData {
  const dataPath = userPath(context, options.data);
  const table = readDataset(dataPath);
  const schemaPath = schemaPathFor(dataPath);
  let schema = existsSync(schemaPath) ? readSchemaFile(schemaPath) : undefined;
  if (schema && options.target && options.target !== schema.target)
    schema = { ...schema, target: options.target };
  const task = options.task ?? schema?.task;
  const target = options.target ?? schema?.target;
  if (!target) throw new CliError('--target is required when the data has no schema: name the label column');
  if (!task)
    throw new CliError('--task is required when the data has no schema: binary, multiclass or regression');
  const features = schema
    ? featureColumns({ ...schema, columns: schema.columns.filter((column) => column.name !== target) })
    : undefined;
  return { dataPath, table, schema, target, task, features };
}
