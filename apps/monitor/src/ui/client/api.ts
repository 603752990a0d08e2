/** A refusal of the UI's API, with the server's one-line message. */
export class UiApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GETs JSON from the UI's API with the session cookie. A 401 sends the browser to the
 * login form (and never resolves: the page is leaving); any other error status throws
 * {@link UiApiError} with the message of the contract's error body.
 */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) {
    location.assign('/login');
    return new Promise<T>(() => {});
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new UiApiError(response.status, body?.error?.message ?? `the server answered ${response.status}`);
  }
  return body as T;
}

/**
 * POSTs `body` as JSON to one of the UI's write routes with the session cookie. Any
 * error status, 401 and 403 included, throws {@link UiApiError} with the server's
 * message, for the page to show where the user clicked (no redirect: the page stays).
 */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    throw new UiApiError(response.status, answer?.error?.message ?? `the server answered ${response.status}`);
  }
  return answer as T;
}
