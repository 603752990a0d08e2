import { isUiPage } from './uiRoutes';

/** The characters a return path may hold: a path's own (RFC 3986 pchar and '/'), nothing that ends a header. */
const PATH_CHARACTERS = /^[A-Za-z0-9%._~!$&'()*+,;=:@/-]*$/;
/** A query's (RFC 3986: pchar, '/' and '?'), so a shared `/ui/runs?sort=…` keeps its state through the login. */
const QUERY_CHARACTERS = /^[A-Za-z0-9%._~!$&'()*+,;=:@/?-]*$/;

/**
 * Where the login form sends a browser that asked for `path` without a session: the
 * form, told to come back (`/login?next=/ui/models/churn`), so a shared address of
 * the UI survives the login (`path` may carry its query: `/ui/runs?sort=…`).
 */
export function loginLocation(path: string): string {
  return returnPathOf(path) ? `/login?next=${encodeURIComponent(path)}` : '/login';
}

/**
 * The path `?next=` asks to return to after the login, when it is one of the UI's
 * own pages; anything else (another host, `//host`, a scheme, a header break) is
 * undefined, so the login can never redirect off this server.
 */
export function returnPathOf(next: string | null): string | undefined {
  if (!next) return undefined;
  const mark = next.indexOf('?');
  const path = mark < 0 ? next : next.slice(0, mark);
  const query = mark < 0 ? '' : next.slice(mark + 1);
  if (!PATH_CHARACTERS.test(path) || !QUERY_CHARACTERS.test(query) || !isUiPage(path)) return undefined;
  return next;
}
