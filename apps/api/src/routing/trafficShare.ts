import type { RequestFields } from '../predictions/requestFields';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The 32-bit FNV-1a hash of `text`'s UTF-16 code units: cheap, deterministic, the same in every process. */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * Whether the request with routing key `key` falls in a share of `weight` percent:
 * `fnv1a(key) mod 100 < weight`. The same key always gets the same answer, so one
 * customer sticks to one version; over many keys about `weight` percent fall in.
 */
export function inShare(key: string, weight: number): boolean {
  return fnv1a(key) % 100 < weight;
}

/**
 * What a request is routed by: its entity key (the model's id columns the request
 * carries, e.g. `customer_id`, as sent) when it has one, else its request id.
 */
export function routingKey(
  request: RequestFields,
  values: Readonly<Record<string, unknown>>,
  requestId: string,
): string {
  let key = '';
  for (const spec of request.ids) {
    const value = values[spec.name];
    if (typeof value === 'string' || typeof value === 'number') key += `${spec.name}=${value}\u0000`;
  }
  return key === '' ? `request=${requestId}` : key;
}
