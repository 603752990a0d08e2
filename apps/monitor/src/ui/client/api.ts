/** One detail of a refusal (`{field, message}`: a failed gate rule, a bad parameter). */
export interface UiApiErrorDetail {
  field?: string;
  message?: string;
}

/** A refusal of the UI's API, with the server's one-line message, its error code and details. */
export class UiApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly details: readonly UiApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The error of a refusal's body (`{"error": {"code", "message", "details"}}`), as a {@link UiApiError}. */
function refusalOf(status: number, body: unknown): UiApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return new UiApiError(
    status,
    typeof error?.message === 'string' ? error.message : `the server answered ${status}`,
    typeof error?.code === 'string' ? error.code : null,
    Array.isArray(error?.details) ? (error.details as UiApiErrorDetail[]) : [],
  );
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
  if (!response.ok) throw refusalOf(response.status, body);
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
  if (!response.ok) throw refusalOf(response.status, answer);
  return answer as T;
}
