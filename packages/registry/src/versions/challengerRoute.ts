import type { ChallengerRoute, ModelState } from './ModelState';

/** The alias a routed challenger holds; moved only through the route methods of `ModelRegistry`. */
export const CHALLENGER_ALIAS = 'challenger';

/** The modes of {@link ChallengerRoute}. */
export const routeModes: ReadonlyArray<ChallengerRoute['mode']> = ['shadow', 'canary'];

/** What `ModelRegistry.setRoute` is asked: the version, its mode, and its share. */
export interface RouteRequest {
  version: number;
  mode: ChallengerRoute['mode'];
  /** Percent of requests, a whole number from 1 to 100. @default 100 for a shadow; required for a canary */
  weight?: number;
}

/** A model's current route: the challenger version with its mode and share. */
export interface CurrentRoute extends ChallengerRoute {
  version: number;
}

/**
 * The route a request asks for, checked: a known mode and a whole weight from 1 to 100
 * (a shadow defaults to 100; a canary needs one). Throws a `RangeError` naming the argument.
 */
export function checkRoute(request: RouteRequest): ChallengerRoute {
  if (!routeModes.includes(request.mode))
    throw new RangeError(`mode must be 'shadow' or 'canary', got ${JSON.stringify(request.mode)}`);
  const weight = request.weight ?? (request.mode === 'shadow' ? 100 : undefined);
  if (weight === undefined)
    throw new RangeError('weight is required for a canary (1-100, percent of requests)');
  if (!Number.isInteger(weight) || weight < 1 || weight > 100)
    throw new RangeError(`weight must be a whole percent from 1 to 100, got ${JSON.stringify(weight)}`);
  return { mode: request.mode, weight };
}

/** The route of a state, or `undefined` when it has none (or only half of one, as a hand-edited file might). */
export function currentRoute(state: ModelState): CurrentRoute | undefined {
  const version = state.aliases[CHALLENGER_ALIAS];
  if (version === undefined || state.route === undefined) return undefined;
  return { version, ...state.route };
}

/**
 * Ends the route of `state` when its challenger is `version` (it became production, or
 * was archived): the challenger is never the production version nor an archived one.
 * Returns the route that ended, for the audit entry.
 */
export function endRouteOf(state: ModelState, version: number): ChallengerRoute | undefined {
  if (state.aliases[CHALLENGER_ALIAS] !== version) return undefined;
  const ended = state.route;
  delete state.aliases[CHALLENGER_ALIAS];
  delete state.route;
  return ended;
}
