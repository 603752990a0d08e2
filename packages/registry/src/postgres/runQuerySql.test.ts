import { filterCondition, runPageQuery, SqlParams, sortPlan } from './runQuerySql';

test('every value and key of a query is bound, never written into the SQL', () => {
  const sneaky = "x'); DROP TABLE runs; --";
  const { sql, params } = runPageQuery(
    {
      filters: [
        { field: `params.${sneaky}`, op: '=', value: sneaky },
        { field: `metrics.${sneaky}`, op: '>', value: '0.5' },
        { field: `tags.${sneaky}`, op: '!=', value: sneaky },
        { field: 'status', op: '<=', value: sneaky },
      ],
      sort: { field: `metrics.${sneaky}`, descending: true },
    },
    'present',
    100,
  );
  expect(sql).not.toContain('DROP');
  // Sort key; param key and value; metric key; tag key and value; status value; the limit.
  expect(params.filter((value) => value === sneaky)).toHaveLength(7);
  expect(params.at(-1)).toBe(100);
});

test('names of object properties are neither operators nor columns', () => {
  const params = new SqlParams();
  expect(() => filterCondition({ field: 'status', op: 'constructor' as '=', value: 'x' }, params)).toThrow(
    "run filter operator 'constructor' is not one of = != > >= < <=",
  );
  expect(filterCondition({ field: 'constructor', op: '=', value: 'x' }, params)).toBe('FALSE');
  expect(sortPlan({ field: '__proto__', descending: false }, params).orderBy).toBe('r.id DESC');
  expect(sortPlan({ field: 'startTime', descending: false }, params).orderBy).toBe(
    'r.start_time ASC NULLS LAST, r.id DESC',
  );
});
