import { type AuditEntry, type CurrentRoute, RegistryError } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult } from '../CommandContext';
import { EXIT } from '../exitCodes';
import { gateSummary } from './gateSummary';

/** The flags of `mlops models route`, as commander parses them. */
export interface RouteOptions {
  shadow?: number;
  canary?: number;
  weight?: number;
  clear?: boolean;
  promote?: boolean;
  rollbackCanary?: boolean;
  force?: boolean;
  reason?: string;
}

/** What `mlops models route` prints (`--json`): the route after the command, and the audited move if it made one. */
export interface RouteResult {
  name: string;
  production: number | null;
  route: CurrentRoute | null;
  audit?: AuditEntry;
}

const ACTIONS = ['--shadow', '--canary', '--clear', '--promote', '--rollback-canary'] as const;

/**
 * `mlops models route <name> [--shadow V [--weight W] | --canary V --weight W | --clear |
 * --promote [--force] | --rollback-canary] [--reason R]`: sets, ends or promotes the
 * model's challenger route (through the registry, audited); alone, prints the route.
 * Usage errors (two actions, a weight without a route, a canary without a weight, a
 * weight outside 1-100) exit 2; a promotion the gate refuses exits 3, as `models promote`.
 */
export async function routeModel(
  context: CommandContext,
  name: string,
  options: RouteOptions,
): Promise<RouteResult> {
  const given = ACTIONS.filter((flag) => routeFlag(options, flag));
  if (given.length > 1) usage(`give one of ${ACTIONS.join(', ')}, not ${given.join(' and ')}`);
  const [action] = given;
  if (options.weight !== undefined) {
    if (action !== '--shadow' && action !== '--canary') usage('--weight goes with --shadow or --canary');
    if (!Number.isInteger(options.weight) || options.weight < 1 || options.weight > 100)
      usage(`--weight must be a whole percent from 1 to 100, got ${options.weight}`);
  }
  if (action === '--canary' && options.weight === undefined)
    usage('--canary needs --weight (the percent of requests it answers, 1-100), e.g. --weight 10');
  if (options.force && action !== '--promote') usage('--force goes with --promote');
  for (const version of [options.shadow, options.canary])
    if (version !== undefined && (!Number.isInteger(version) || version < 1))
      usage(`the challenger version must be a positive integer, got ${version}`);

  const registry = (await context.stores()).registry;
  const move = { reason: options.reason };
  let audit: AuditEntry | undefined;
  if (action === '--shadow' || action === '--canary') {
    const mode = action === '--shadow' ? 'shadow' : 'canary';
    const version = (mode === 'shadow' ? options.shadow : options.canary) as number;
    audit = await registry.setRoute(name, { version, mode, weight: options.weight }, move);
  } else if (action === '--clear') audit = await registry.clearRoute(name, move);
  else if (action === '--rollback-canary') audit = await registry.rollbackCanary(name, move);
  else if (action === '--promote') audit = await promoteChallenger(context, name, options);

  const [production, route] = await Promise.all([registry.productionVersion(name), registry.readRoute(name)]);
  const result: RouteResult = { name, production: production ?? null, route: route ?? null };
  if (audit) result.audit = audit;
  const lines = [describeRoute(result)];
  if (audit?.gate) lines.push(...gateSummary(audit.gate, audit.forced && !audit.gate.passed));
  printResult(context, result, lines.join('\n'));
  return result;
}

async function promoteChallenger(
  context: CommandContext,
  name: string,
  options: RouteOptions,
): Promise<AuditEntry> {
  const registry = (await context.stores()).registry;
  try {
    return await registry.promoteChallenger(name, { force: options.force, reason: options.reason });
  } catch (error) {
    if (!(error instanceof RegistryError && error.code === 'gate-failed')) throw error;
    // As `models promote`: the refusal is audited with its evaluation; show it and exit 3.
    const refusal = (await registry.readAudit(name)).at(-1);
    if (!context.json && refusal?.gate)
      context.stderr.write(`${gateSummary(refusal.gate, true).join('\n')}\n`);
    throw new CliError(error.message, EXIT.notPromoted, refusal, 'not promoted');
  }
}

function describeRoute({ name, production, route }: RouteResult): string {
  const champion = production === null ? 'no production version' : `production v${production}`;
  if (!route) return `${name}: ${champion}, no challenger route`;
  const share =
    route.mode === 'canary'
      ? `answers ${route.weight}% of requests`
      : `scores ${route.weight}% of requests off the response path`;
  return `${name}: ${champion}; challenger v${route.version} (${route.mode}) ${share}`;
}

function routeFlag(options: RouteOptions, flag: (typeof ACTIONS)[number]): boolean {
  switch (flag) {
    case '--shadow':
      return options.shadow !== undefined;
    case '--canary':
      return options.canary !== undefined;
    case '--clear':
      return Boolean(options.clear);
    case '--promote':
      return Boolean(options.promote);
    case '--rollback-canary':
      return Boolean(options.rollbackCanary);
  }
}

function usage(message: string): never {
  throw new CliError(message, EXIT.usage);
}
