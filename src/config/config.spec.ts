import { ConfigError, databaseKindFromEnv, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults: SQLite under ./data on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.database.kind).toBe('sqlite');
    expect(c.database.sqlitePath.endsWith('/data/neuralops.db')).toBe(true);
    expect(c.maxBodyBytes).toBe(1024 * 1024);
    expect(c.maxBatchBodyBytes).toBe(16 * 1024 * 1024);
    expect(c.logLevel).toBe('info');
    expect(c.runRetentionDays).toBeUndefined();
    expect(c.signalRetentionDays).toBeUndefined();
    expect(c.redactKeys).toEqual(['api_key', 'password', 'token', 'authorization', 'secret']);
    expect(c.warnings).toEqual([]);
  });

  it('selects PostgreSQL for postgres:// and postgresql:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database.kind).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).database.url).toBe('postgresql://u@h/db');
    expect(databaseKindFromEnv({ DATABASE_URL: 'postgresql://h/db' })).toBe('postgres');
    expect(databaseKindFromEnv({})).toBe('sqlite');
  });

  it('accepts the seed alias POSTGRES_DSN with a deprecation warning', () => {
    const c = loadConfig({ POSTGRES_DSN: 'postgres://h/db' });
    expect(c.database.kind).toBe('postgres');
    expect(c.warnings).toEqual(['POSTGRES_DSN is deprecated; use DATABASE_URL']);
    expect(loadConfig({ POSTGRES_DSN: 'postgres://h/a', DATABASE_URL: 'postgres://h/b' }).database.url).toBe('postgres://h/b');
  });

  const bad: Array<[Record<string, string>, string]> = [
    [{ DATABASE_URL: 'mysql://h/db' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://[bad' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY'],
    [{ ADMIN_API_KEY: 'has spaces in it but long enough' }, 'ADMIN_API_KEY'],
    [{ ADMIN_API_KEY: 'x'.repeat(257) }, 'ADMIN_API_KEY'],
    [{ MAX_BODY_BYTES: '-1' }, 'MAX_BODY_BYTES'],
    [{ MAX_BATCH_BODY_BYTES: '1.5' }, 'MAX_BATCH_BODY_BYTES'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ RUN_RETENTION_DAYS: '0' }, 'RUN_RETENTION_DAYS'],
    [{ RUN_RETENTION_DAYS: 'forever' }, 'RUN_RETENTION_DAYS'],
    [{ SIGNAL_RETENTION_DAYS: '0' }, 'SIGNAL_RETENTION_DAYS'],
    [{ SIGNAL_RETENTION_DAYS: '1.5', RUN_RETENTION_DAYS: '3' }, 'SIGNAL_RETENTION_DAYS'],
  ];
  it.each(bad)('rejects %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message.startsWith(`${variable}:`)).toBe(true);
  });

  it('SIGNAL_RETENTION_DAYS defaults to RUN_RETENTION_DAYS', () => {
    expect(loadConfig({ RUN_RETENTION_DAYS: '30' })).toMatchObject({ runRetentionDays: 30, signalRetentionDays: 30 });
    expect(loadConfig({ RUN_RETENTION_DAYS: '30', SIGNAL_RETENTION_DAYS: '7' })).toMatchObject({ runRetentionDays: 30, signalRetentionDays: 7 });
    expect(loadConfig({ SIGNAL_RETENTION_DAYS: '90' })).toMatchObject({ runRetentionDays: undefined, signalRetentionDays: 90 });
  });

  it('parses the other values', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/x',
      ADMIN_API_KEY: 'a'.repeat(16),
      LOG_LEVEL: 'DEBUG',
      RUN_RETENTION_DAYS: '30',
      REDACT_KEYS: ' Foo, ,bar ',
      MAX_BODY_BYTES: '2048',
    });
    expect(c).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      adminApiKey: 'a'.repeat(16),
      logLevel: 'debug',
      runRetentionDays: 30,
      redactKeys: ['foo', 'bar'],
      maxBodyBytes: 2048,
    });
    expect(c.database.sqlitePath).toBe('/tmp/x/neuralops.db');
    expect(loadConfig({ REDACT_KEYS: '' }).redactKeys).toEqual([]);
  });
});
