import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The name of the session cookie the login form sets. */
export const SESSION_COOKIE = 'mlops_monitor_session';

/** How a request stands: no key is configured (`open`), it holds the key (`granted`), none, or a wrong one. */
export type AccessVerdict = 'open' | 'granted' | 'missing' | 'wrong';

/** Options of {@link DashboardAccess}. */
export interface DashboardAccessOptions {
  /** How long a login lasts. @default 43200 (12 hours) */
  sessionSeconds?: number;
  /** The clock, in ms (tests). @default Date.now */
  now?: () => number;
}

/**
 * Who may read the dashboard. With a key (`MLOPS_API_KEY`) every data route needs
 * it: as `Authorization: Bearer <key>` (the JSON API, Prometheus scrapes) or as
 * the session cookie the login form sets (browsers). The cookie never holds the
 * key: it holds an expiry and an HMAC of it under the key, so a leaked cookie
 * lapses, and changing the key ends every session. Keys and cookies are compared
 * in constant time (SHA-256 digests, `timingSafeEqual`).
 */
export class DashboardAccess {
  private readonly digest?: Buffer;
  private readonly sessionSeconds: number;
  private readonly now: () => number;

  constructor(
    private readonly key: string | undefined,
    options: DashboardAccessOptions = {},
  ) {
    this.digest = key ? sha256(key) : undefined;
    this.sessionSeconds = options.sessionSeconds ?? 43_200;
    this.now = options.now ?? Date.now;
  }

  /** Whether a key is configured, so data routes need it. */
  get required(): boolean {
    return this.digest !== undefined;
  }

  /** Whether `candidate` is the key, in constant time. */
  matches(candidate: string): boolean {
    return this.digest !== undefined && timingSafeEqual(sha256(candidate), this.digest);
  }

  /** The request's standing: its bearer header first, else its session cookie. */
  check(request: IncomingMessage): AccessVerdict {
    if (!this.required) return 'open';
    const header = request.headers.authorization;
    if (header !== undefined) {
      const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
      return bearer && this.matches(bearer[1]) ? 'granted' : 'wrong';
    }
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (session === undefined) return 'missing';
    return this.validSession(session) ? 'granted' : 'wrong';
  }

  /** `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, Secure when served over HTTPS. */
  sessionCookie(secure: boolean): string {
    const expires = Math.floor(this.now() / 1000) + this.sessionSeconds;
    const token = `v1.${expires}.${this.sign(expires)}`;
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${this.sessionSeconds}${secure ? '; Secure' : ''}`;
  }

  /** `Set-Cookie` that ends the session in this browser. */
  clearedCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  private validSession(token: string): boolean {
    const match = /^v1\.(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
    if (!match) return false;
    const expires = Number(match[1]);
    if (expires * 1000 <= this.now()) return false;
    return timingSafeEqual(Buffer.from(match[2], 'hex'), Buffer.from(this.sign(expires), 'hex'));
  }

  private sign(expires: number): string {
    return createHmac('sha256', this.key as string)
      .update(`mlops-monitor-session.v1.${expires}`)
      .digest('hex');
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** One cookie's value from a `Cookie` header, or undefined. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
