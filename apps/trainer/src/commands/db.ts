import { connectDatabase, type DatabaseConfig, readSchemaStatus, redactDatabaseUrl } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult } from '../CommandContext';

/** `mlops db migrate`: applies the pending migrations (under the advisory lock) and says what it applied. */
export async function dbMigrate(context: CommandContext): Promise<object> {
  requireDatabase(context);
  // openStores migrates at start-up: the command is the factory's start-up, reported.
  const { migration } = await context.stores();
  const result = {
    database: redactDatabaseUrl(context.config.database!.url),
    version: migration!.version,
    applied: migration!.applied,
  };
  printResult(
    context,
    result,
    migration!.applied.length
      ? `applied migration${migration!.applied.length > 1 ? 's' : ''} ${migration!.applied.join(', ')}: the schema is at version ${result.version}`
      : `nothing to apply: the schema is at version ${result.version}`,
  );
  return result;
}

/** `mlops db status`: the database's schema version against this code's, and what is pending; changes nothing. */
export async function dbStatus(context: CommandContext): Promise<object> {
  const config = requireDatabase(context);
  const db = await connectDatabase(config);
  try {
    const status = await readSchemaStatus(db);
    const result = {
      database: redactDatabaseUrl(config.url),
      ...status,
      up_to_date: status.version === status.latest,
    };
    const state =
      status.version > status.latest
        ? `newer than this code (version ${status.latest}): upgrade the apps`
        : status.pending.length
          ? `pending: ${status.pending.map((m) => `${m.version} (${m.name})`).join(', ')}: run \`mlops db migrate\``
          : 'up to date';
    printResult(context, result, `schema version ${status.version}, this code's ${status.latest}; ${state}`);
    return result;
  } finally {
    await db.close();
  }
}

function requireDatabase(context: CommandContext): DatabaseConfig {
  if (!context.config.database) {
    throw new CliError(
      'MLOPS_DATABASE_URL is not set: set it to postgres://USER@HOST[:PORT]/DATABASE to migrate the PostgreSQL store (the filesystem store under MLOPS_HOME has no schema to migrate)',
    );
  }
  return context.config.database;
}
