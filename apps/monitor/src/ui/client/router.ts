/** A page of the UI, read from the address: the address alone says what is shown, so it can be shared. */
export type Route =
  | { page: 'models' }
  | { page: 'model'; name: string }
  | { page: 'bad-address'; message: string }
  | { page: 'not-found'; path: string };

/** The route of a pathname under `/ui` (`/ui` and `/ui/` are the models list). */
export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/ui' || path === '/ui/models') return { page: 'models' };
  const model = /^\/ui\/models\/([^/]+)$/.exec(path);
  if (model) {
    try {
      return { page: 'model', name: decodeURIComponent(model[1]) };
    } catch {
      return { page: 'bad-address', message: `the model name in ${pathname} is not valid percent-encoding` };
    }
  }
  return { page: 'not-found', path: pathname };
}

/** The address of a model's page. */
export function modelHref(name: string): string {
  return `/ui/models/${encodeURIComponent(name)}`;
}
