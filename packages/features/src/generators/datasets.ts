import { FeaturesError } from '../errors';
import type { DatasetSchema } from '../schema/DatasetSchema';
import type { DataTable } from '../table/DataTable';
import { churnSchema, generateChurn } from './churn';
import { creditSchema, generateCredit } from './credit';
import { fraudSchema, generateFraud } from './fraud';
import { generateHousing, housingSchema } from './housing';
import { generateSales, salesSchema } from './sales';

/** A seeded dataset generator and the schema of what it makes. */
export interface DatasetGenerator {
  schema: DatasetSchema;
  defaultRows: number;
  generate(rows: number, seed: number): DataTable;
}

/** Every dataset the platform can generate, by name. */
export const datasetGenerators: Readonly<Record<string, DatasetGenerator>> = {
  churn: { schema: churnSchema, defaultRows: 10_000, generate: generateChurn },
  credit: { schema: creditSchema, defaultRows: 20_000, generate: generateCredit },
  fraud: { schema: fraudSchema, defaultRows: 50_000, generate: generateFraud },
  housing: { schema: housingSchema, defaultRows: 20_640, generate: generateHousing },
  sales: { schema: salesSchema, defaultRows: 100_000, generate: generateSales },
};

/** The generator called `name`; an `unknown-dataset` error lists the known ones. */
export function getDatasetGenerator(name: string): DatasetGenerator {
  const generator = datasetGenerators[name];
  if (!generator) {
    throw new FeaturesError(
      'unknown-dataset',
      `unknown dataset '${name}': choose one of ${Object.keys(datasetGenerators).join(', ')}`,
    );
  }
  return generator;
}
