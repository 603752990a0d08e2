import { createLogger } from '@mlops/logger';
import { openStores, type Stores } from '@mlops/registry';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError } from './CliError';
import type { CommandContext } from './CommandContext';
import { compare } from './commands/compare';
import { dbMigrate, dbStatus } from './commands/db';
import { evaluate } from './commands/evaluate';
import { explain } from './commands/explain';
import { generate } from './commands/generate';
import { logPrune } from './commands/logPrune';
import {
  archiveModel,
  listModels,
  modelAudit,
  modelGate,
  promoteModel,
  rollbackModel,
  setModelAlias,
  showModel,
} from './commands/models';
import { pipelineDag, pipelineRun, pipelineStatus } from './commands/pipeline';
import { prepare } from './commands/prepare';
import { prepareDaily } from './commands/prepareDaily';
import { quickstart } from './commands/quickstart';
import { routeModel } from './commands/route';
import { compareRuns, listRuns, showRun } from './commands/runs';
import { notPromoted, train } from './commands/train';
import { tune } from './commands/tune';
import { readConfig } from './config';
import { exitCodeFor } from './exitCodes';

/** Streams and environment of one CLI run; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * Runs the `mlops` CLI on `argv` (without node and script) and returns the exit
 * code (../shared/ARCHITECTURE.md): 0 done; 1 failed, 2 usage error, 3 registered
 * but not promoted, each with a one-line reason on stderr (see exitCodes.ts).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  let opened: Promise<Stores> | undefined;
  try {
    const config = readConfig(io.env);
    const logger = createLogger({ service: 'trainer', level: config.logLevel, stream: io.stderr });
    const stores = () => {
      opened ??= openStores({ home: config.home, database: config.database });
      return opened;
    };
    const context = (): CommandContext => ({
      config,
      logger,
      stdout: io.stdout,
      stderr: io.stderr,
      json,
      stores,
    });
    const program = buildProgram(context, io);
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${error instanceof CliError ? error.label : 'error'}: ${message.split('\n')[0]}\n`);
    if (json && error instanceof CliError && error.result)
      io.stdout.write(`${JSON.stringify(error.result)}\n`);
    json = false;
    return exitCodeFor(error);
  } finally {
    // A pool left open would keep the process alive after the command ended.
    await opened?.then(
      (stores) => stores.close(),
      () => {},
    );
  }
}

function buildProgram(context: () => CommandContext, io: CliIo): Command {
  const program = new Command('mlops')
    .description('Train, register and manage models. Add --json for one JSON object on stdout.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError();
  const json = new Option('--json', 'print the result as one JSON object on the last line of stdout');
  /** Ends a command's options with `--json`; its action runs `run` on this run's context and the command's arguments and options. */
  const withJson = <A extends unknown[]>(
    command: Command,
    run: (context: CommandContext, ...args: A) => Promise<unknown>,
  ): Command =>
    // commander passes the declared arguments, the options, then the command itself (dropped).
    command.addOption(json).action(async (...args: unknown[]) => {
      await run(context(), ...(args.slice(0, -1) as A));
    });

  withJson(
    program
      .command('generate')
      .description('generate a seeded dataset (same seed → same bytes), in the format of the file name')
      .argument('<name>', 'dataset: churn, credit, fraud, housing or sales')
      .option('--rows <n>', 'number of rows', integer)
      .addOption(seedOption())
      .option(
        '--out <file>',
        'output file: .arrow/.feather/.ipc, .csv or .parquet (default data/<name>.arrow)',
      ),
    (ctx, name: string, options: object) => generate(ctx, { name, ...options }),
  );

  const prepareCommand = withJson(
    addLabelledDataOptions(
      program
        .command('prepare')
        .description('run the data-quality gate; write the cleaned file, its schema, profile and report'),
      'CSV, Arrow or Parquet file',
    )
      .option('--schema <name|file>', 'a dataset name (churn) or a schema JSON file')
      .option('--out <file>', 'output file, format from its extension (default <data>.prepared.arrow)')
      .addOption(maxMissingOption())
      .addOption(
        maxCategoriesOption(
          'most distinct values of a categorical feature (default 1000, at most half the rows)',
        ),
      ),
    prepare,
  );
  addRoleOptions(prepareCommand);

  withJson(
    program
      .command('prepare-daily')
      .description(
        'aggregate raw sales lines per day (label: next day revenue), run the quality gate, write the daily table',
      )
      .requiredOption('--data <file>', 'raw sales lines (e.g. from `mlops generate sales`)')
      .option('--out <file>', 'output Arrow file (default <data>.daily.arrow)')
      .option('--utc-offset <minutes>', 'minutes east of UTC that define a calendar day', integer, 0)
      .addOption(maxMissingOption()),
    prepareDaily,
  );

  const trainCommand = withJson(
    addRegistrationOptions(
      addLabelledDataOptions(
        program
          .command('train')
          .description(
            'train and evaluate a model; with --name, register it and promote it when it passes its gate (exit 3 when it does not)',
          ),
        'training data (CSV, Arrow or Parquet)',
      )
        .addOption(modelKindOption('logistic'))
        .option('--param <key=value...>', 'model parameter, repeatable', collectParams, {})
        .addOption(seedOption()),
      'register the model under this name',
      'f1 >= 0.6, roc_auc >= production + 0.005',
    )
      .addOption(reportOption())
      .option('--no-tune-threshold', 'binary models: keep the 0.5 threshold instead of the F1-best one')
      .addOption(
        maxCategoriesOption(
          'most distinct values of a categorical feature (default 1000, at most half the rows)',
        ),
      ),
    async (ctx, options: Parameters<typeof train>[1] & { param: Record<string, number> }) => {
      const refused = notPromoted(await train(ctx, { ...options, params: options.param }));
      if (refused) throw refused;
    },
  );
  addRoleOptions(trainCommand);
  addSplitOptions(trainCommand);

  const tuneCommand = withJson(
    addRegistrationOptions(
      addLabelledDataOptions(
        program
          .command('tune')
          .description(
            "Bayesian search (TPE, median pruning) of a model's hyperparameters; every trial is a run",
          ),
        'training data (CSV, Arrow or Parquet)',
      )
        .addOption(modelKindOption('gradient_boosting'))
        .option('--trials <n>', 'number of trials', integer, 30)
        .option('--timeout <seconds>', 'stop starting trials after this long', integer)
        .option('--metric <name>', 'metric to maximise on the validation split (default roc_auc, or r2)')
        .option('--space <json>', 'search space as JSON (default: one per model kind)')
        .addOption(seedOption()),
      'register the best model under this name (through its gate; exit 3 when refused)',
      'r2 >= production + 0.01',
    ).addOption(maxCategoriesOption('most distinct values of a categorical feature')),
    async (ctx, options: Parameters<typeof tune>[1]) => {
      const result = await tune(ctx, { ...options, progressStream: io.stderr });
      const refused = notPromoted(result as Parameters<typeof notPromoted>[0]);
      if (refused) throw refused;
    },
  );
  addRoleOptions(tuneCommand);
  addSplitOptions(tuneCommand);

  const compareCommand = withJson(
    program
      .command('compare')
      .description(
        'train several models on your data (--data) or the use cases (--datasets), or score registered versions (--registered), and write a comparison (JSON, Markdown, HTML with charts)',
      )
      .option(
        '--datasets <names>',
        'generated use cases, comma-separated (default churn,credit,fraud,housing,sales)',
        list,
      )
      .option(
        '--data <file>',
        'your own labelled data (CSV, Arrow or Parquet) instead of generated use cases',
      )
      .option('--target <column>', 'with --data: label column (taken from the schema when there is one)')
      .addOption(taskOption('with --data: learning task'))
      .option('--schema <name|file>', 'with --data: a dataset name or a schema JSON file')
      .option('--registered <model>', 'score every version of this registered model on --data (no training)')
      .option(
        '--models <kinds>',
        'comma-separated (default linear_or_logistic,random_forest,gradient_boosting)',
        list,
      )
      .option('--rows <n>', "rows per generated dataset (default: each generator's own)", integer)
      .addOption(seedOption())
      .option(
        '--name <model>',
        'with --data: register the best model under this name, through its gate (exit 3 when refused)',
      )
      .option('--no-promote', 'with --name: register without promoting')
      .option('--out <dir>', 'output folder (default MLOPS_HOME/reports/compare)'),
    async (ctx, options: Parameters<typeof compare>[1]) => {
      const result = await compare(ctx, { ...options, progressStream: io.stderr });
      const refused = result.registered ? notPromoted(result.registered) : undefined;
      if (refused) throw refused;
    },
  );
  addRoleOptions(compareCommand);
  addSplitOptions(compareCommand);

  withJson(
    program
      .command('quickstart')
      .description(
        'generate churn data, check it, train, register and promote (reuses an identical production model)',
      ),
    quickstart,
  );

  const models = program
    .command('models')
    .description('list, show, promote, roll back and route registered models');
  withJson(models.command('list').argument('[name]', 'one model'), listModels);
  withJson(
    models.command('show').argument('<name>').addOption(versionOption()).addOption(aliasOption()),
    showModel,
  );
  withJson(
    models
      .command('promote')
      .argument('<name>')
      .addArgument(versionArgument())
      .option('--force', 'promote even if the version failed its gate (logged)')
      .addOption(reasonOption()),
    promoteModel,
  );
  withJson(
    models
      .command('rollback')
      .argument('<name>')
      .option('--to <version>', 'roll back to this version instead of the previous production one', integer)
      .addOption(reasonOption()),
    rollbackModel,
  );
  withJson(
    models.command('archive').argument('<name>').addArgument(versionArgument()).addOption(reasonOption()),
    archiveModel,
  );
  withJson(
    models
      .command('alias')
      .description('point an alias (e.g. staging) at a version; production goes through the gate')
      .argument('<name>')
      .argument('<alias>')
      .addArgument(versionArgument())
      .option('--force', 'for production: promote even if the version failed its gate')
      .addOption(reasonOption()),
    setModelAlias,
  );
  withJson(
    models
      .command('gate')
      .description("show or set a model's promotion gate, e.g. 'f1 >= 0.6, roc_auc > baseline'")
      .argument('<name>')
      .argument('[rules]'),
    modelGate,
  );
  withJson(
    models.command('audit').description('every alias move: who, when, from, to, why').argument('<name>'),
    modelAudit,
  );
  withJson(
    models
      .command('route')
      .description(
        'show or set the challenger route: a shadow scores requests off the response path, a canary answers a sticky share; --promote sends it through the gate (exit 3 when refused)',
      )
      .argument('<name>')
      .option('--shadow <version>', 'score requests with this version too, never answering with it', integer)
      .option('--canary <version>', 'answer --weight percent of requests with this version', integer)
      .option(
        '--weight <percent>',
        'percent of requests, 1-100 (a shadow: default 100; a canary: required)',
        integer,
      )
      .option('--clear', 'end the route')
      .option('--promote', 'promote the challenger to production through its gate, ending the route')
      .option('--rollback-canary', 'end a canary: production answers every request again')
      .option('--force', 'with --promote: promote even if the challenger failed its gate (logged)')
      .addOption(reasonOption()),
    routeModel,
  );

  const evaluateCommand = withJson(
    program
      .command('evaluate')
      .description('metrics of a registered version on a labelled file')
      .requiredOption('--name <model>', 'registered model')
      .addOption(versionOption())
      .addOption(aliasOption())
      .addOption(
        new Option('--version-from <file>', 'the version a `train --report` file registered').conflicts([
          'version',
          'alias',
        ]),
      )
      .requiredOption('--data <file>', 'labelled CSV, Arrow or Parquet file')
      .addOption(reportOption()),
    evaluate,
  );
  addCsvOptions(evaluateCommand);

  const explainCommand = withJson(
    program
      .command('explain')
      .description(
        "per-field contributions to a registered version's raw output for every row of a file (TreeSHAP for trees, weight × centred input for linear models), and the fields' global importance",
      )
      .requiredOption('--name <model>', 'registered model')
      .addOption(versionOption())
      .addOption(aliasOption())
      .requiredOption('--data <file>', "CSV, Arrow or Parquet file with the model's input columns")
      .option(
        '--out <file>',
        'contributions file, format from its extension (default <data>.explanations.csv)',
      ),
    explain,
  );
  addCsvOptions(explainCommand);

  const runs = program.command('runs').description('experiment runs: list, show, compare');
  withJson(
    runs
      .command('list')
      .option(
        '--filter <condition...>',
        "e.g. 'metrics.roc_auc > 0.8' 'params.model = logistic' 'status = finished'",
      )
      .option('--sort <key>', "e.g. 'metrics.roc_auc desc' (default: newest first)")
      .option('--limit <n>', 'at most this many', integer, 20)
      .option('--experiment <name>', 'only this experiment (model name)'),
    listRuns,
  );
  withJson(runs.command('show').argument('<id>'), showRun);
  withJson(runs.command('compare').argument('<ids...>'), compareRuns);

  const db = program
    .command('db')
    .description('the PostgreSQL store (MLOPS_DATABASE_URL): schema migrations');
  withJson(
    db
      .command('migrate')
      .description('apply the pending schema migrations (once, whoever else runs them at once)'),
    dbMigrate,
  );
  withJson(
    db.command('status').description("the database's schema version and the pending migrations"),
    dbStatus,
  );

  const log = program.command('log').description('the prediction log the API writes (files, or PostgreSQL)');
  withJson(
    log
      .command('prune')
      .description('remove the parts of the prediction log holding only records older than an age')
      .requiredOption('--older-than <age>', 'an age: 12h, 7d, 30d (hours or days)'),
    logPrune,
  );

  const pipeline = program
    .command('pipeline')
    .description('run the pipeline file as a cached DAG (like dvc repro)');
  withJson(
    pipeline
      .command('run')
      .addOption(pipelineFileOption())
      .option('--stage <name...>', 'only these stages (and what they need)')
      .option('--force', 'run every selected stage even when up to date')
      .option('--jobs <n>', 'stages run at once (default: the number of cores)', integer),
    pipelineRun,
  );
  withJson(pipeline.command('status').addOption(pipelineFileOption()), pipelineStatus);
  withJson(
    pipeline.command('dag').addOption(pipelineFileOption()).option('--mermaid', 'print a Mermaid graph'),
    pipelineDag,
  );
  return program;
}

/** `--data` (required), `--target` and `--task`: the labelled data a command learns from. */
function addLabelledDataOptions(command: Command, dataHelp: string): Command {
  return command
    .requiredOption('--data <file>', dataHelp)
    .option('--target <column>', 'label column (taken from the schema when there is one)')
    .addOption(taskOption('learning task'));
}

/** `--name`, `--no-promote` and `--gate`: registering the result and the gate it goes through. */
function addRegistrationOptions(command: Command, nameHelp: string, gateExample: string): Command {
  return command
    .option('--name <model>', nameHelp)
    .option('--no-promote', 'register without promoting to production')
    .option('--gate <rules>', `promotion gate, e.g. '${gateExample}'`);
}

const taskOption = (help: string) =>
  new Option('--task <task>', help).choices(['binary', 'multiclass', 'regression']);
const seedOption = () => new Option('--seed <n>', 'random seed').default(42).argParser(integer);
const modelKindOption = (kind: string) =>
  new Option('--model <kind>', 'decision_tree, random_forest, gradient_boosting, logistic or linear').default(
    kind,
  );
const maxMissingOption = () =>
  new Option('--max-missing <share>', 'largest share of missing values a column may have')
    .default(0.05)
    .argParser(share);
const maxCategoriesOption = (help: string) => new Option('--max-categories <n>', help).argParser(positive);
const reportOption = () => new Option('--report <file>', 'also write the result JSON to this file');
const versionOption = () => new Option('--version <n>', 'version number').argParser(integer);
const versionArgument = () => new Argument('<version>', 'version number').argParser(integer);
const aliasOption = () => new Option('--alias <alias>', 'alias (default production)');
const reasonOption = () => new Option('--reason <text>', 'why, for the audit log');
const pipelineFileOption = () => new Option('--file <path>', 'pipeline file').default('pipeline.yaml');

/** `--id-columns`, `--exclude` and `--features`: what the columns of a dataset are for; and how its CSV reads. */
function addRoleOptions(command: Command): void {
  addCsvOptions(command);
  command
    .option('--id-columns <names>', 'columns that identify rows: never features (comma-separated)', list)
    .option('--exclude <names>', 'columns to leave out entirely (comma-separated)', list)
    .option(
      '--features <names>',
      'the feature columns, exactly (comma-separated; overrides inference)',
      list,
    );
}

/** `--na-values` and `--encoding`: how a CSV's cells read. */
function addCsvOptions(command: Command): void {
  command
    .option(
      '--na-values <tokens>',
      'CSV cells read as missing, comma-separated (default NA,N/A,null,NULL,NaN,?; the empty cell always is)',
      (value: string) => value.split(',').map((token) => token.trim()),
    )
    .addOption(
      new Option('--encoding <encoding>', 'CSV text encoding (default utf-8)').choices(['utf-8', 'latin1']),
    );
}

/** `--split`, `--time-column` and `--test-data`: how rows are held out for evaluation. */
function addSplitOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--split <kind>',
        'how to hold out test rows (default: temporal for next-period labels, else random)',
      ).choices(['random', 'temporal']),
    )
    .option('--time-column <column>', 'split by this time column: the latest 20 % of rows are the test set')
    .option('--test-data <file>', 'held-out data instead of a split');
}

function positive(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`'${value}' is not a positive integer.`);
  return parsed;
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`'${value}' is not an integer.`);
  return parsed;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function share(value: string): number {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1))
    throw new InvalidArgumentError(`'${value}' is not a share between 0 and 1.`);
  return parsed;
}

function collectParams(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^([A-Za-z_][\w]*)=(.+)$/.exec(value);
  const number = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isFinite(number)) throw new InvalidArgumentError(`'${value}' is not key=number.`);
  return { ...previous, [match[1]]: number };
}
