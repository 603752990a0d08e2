import { type TestDatabase, testDatabaseKinds } from './__tests__/testDatabases';

describe.each(testDatabaseKinds)('Database on %s', (_kind, create) => {
  let test_: TestDatabase;
  beforeAll(async () => {
    test_ = await create();
    await test_.db.exec('CREATE TABLE items (id int8 PRIMARY KEY, doc jsonb NOT NULL, at timestamptz)');
  });
  afterAll(() => test_?.drop());

  test('binds parameters and returns int8 as numbers, jsonb parsed, timestamptz as Date', async () => {
    const { db } = test_;
    const inserted = await db.query('INSERT INTO items VALUES ($1, $2, $3), ($4, $5, $6)', [
      1,
      JSON.stringify({ a: [1, 'x'] }),
      '2026-12-02T05:00:00.123Z',
      2,
      JSON.stringify({ q: "'; DROP TABLE items; --" }),
      null,
    ]);
    expect(inserted.rowCount).toBe(2);
    const { rows } = await db.query('SELECT id, doc, at FROM items ORDER BY id');
    expect(rows).toEqual([
      { id: 1, doc: { a: [1, 'x'] }, at: new Date('2026-12-02T05:00:00.123Z') },
      { id: 2, doc: { q: "'; DROP TABLE items; --" }, at: null },
    ]);
  });

  test('a transaction commits when its task resolves and rolls back when it throws', async () => {
    const { db } = test_;
    const kept = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO items VALUES (10, $1)', ['{}']);
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM items')).rows[0].n;
    });
    expect(kept).toBe(3);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items VALUES (11, $1)', ['{}']);
        throw new Error('the task failed');
      }),
    ).rejects.toThrow('the task failed');
    const { rows } = await db.query<{ id: number }>('SELECT id FROM items WHERE id >= 10');
    expect(rows).toEqual([{ id: 10 }]);
  });

  test('copyFrom copies every row of its input, or none when one is bad', async () => {
    const { db } = test_;
    const copy = 'COPY items (id, doc, at) FROM STDIN';
    expect(
      await db.copyFrom(copy, '20\t{"a": "tab\\\\tin json"}\t2026-12-02T05:00:00.000Z\n21\t{}\t\\N\n'),
    ).toBe(2);
    const { rows } = await db.query('SELECT id, doc, at FROM items WHERE id >= 20 ORDER BY id');
    expect(rows).toEqual([
      { id: 20, doc: { a: 'tab\tin json' }, at: new Date('2026-12-02T05:00:00.000Z') },
      { id: 21, doc: {}, at: null },
    ]);
    await expect(db.copyFrom(copy, '30\t{}\t\\N\n31\tnot json\t\\N\n')).rejects.toThrow(/json/i);
    expect((await db.query('SELECT id FROM items WHERE id >= 30')).rows).toEqual([]);
    // The connection is still usable afterwards.
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
