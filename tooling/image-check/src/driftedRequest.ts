/**
 * Request `i` of the smoke test's traffic: the example's features every time (only the
 * entity key differs). Each feature's logged values are then one point instead of the
 * training spread, valid for the schema yet as drifted as traffic gets, so the monitor's
 * check on it has one right answer: retrain.
 */
export function driftedRequest(example: Record<string, unknown>, i: number): Record<string, unknown> {
  return 'customer_id' in example
    ? { ...example, customer_id: `${String(example.customer_id)}-${i}` }
    : { ...example };
}
