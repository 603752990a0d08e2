import { useMlopsCli } from '../__tests__/mlopsCli';

const { mlops } = useMlopsCli();

test.each(['migrate', 'status'])(
  'db %s without MLOPS_DATABASE_URL fails with one line naming the variable and the form to write',
  async (command) => {
    const result = await mlops('db', command, '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: MLOPS_DATABASE_URL is not set: set it to postgres://USER@HOST[:PORT]/DATABASE to migrate the PostgreSQL store (the filesystem store under MLOPS_HOME has no schema to migrate)\n',
    );
  },
);
