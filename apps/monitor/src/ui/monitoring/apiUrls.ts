import { MonitorError } from '../../errors';

/**
 * `MLOPS_API_URLS`: the API replicas' base URLs, comma-separated
 * (`http://api-1:8000,http://api-2:8000`); unset or empty is none. A part that is
 * not an http(s) URL is `bad-config` naming it and the fix.
 */
export function parseApiUrls(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      let url: URL | undefined;
      try {
        url = new URL(part);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new MonitorError(
          'bad-config',
          `MLOPS_API_URLS holds ${JSON.stringify(part.slice(0, 80))}, not an http(s) URL: give the replicas' base URLs separated by commas, e.g. http://api-1:8000,http://api-2:8000`,
        );
      }
      return url.origin + url.pathname.replace(/\/+$/, '');
    });
}
