import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
    expect(c.authFailuresPerIpPerS).toBe(20);
    expect(loadConfig({ AUTH_FAILURES_PER_IP_PER_S: '5000' }).authFailuresPerIpPerS).toBe(5000);
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
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ AUTH_FAILURES_PER_IP_PER_S: '0' }, 'AUTH_FAILURES_PER_IP_PER_S'],
    [{ AUTH_FAILURES_PER_IP_PER_S: 'many' }, 'AUTH_FAILURES_PER_IP_PER_S'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, 10.0.0.300' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
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

  it("reads TRUST_PROXY as Express's trust proxy setting: off by default, true, a hop count or addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.0/255.255.255.0,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.0/255.255.255.0',
      '::1',
    ]);
  });

  it('never echoes the password of a URL in a configuration error, and leaves it out of PUBLIC_URL links', () => {
    for (const [variable, value] of [
      ['PROM_URL', 'http://u:hunter2-pw@prom:bad-port'],
      ['ALERTMANAGER_URL', 'ftp://u:hunter2-pw@am:9093'],
      ['OPENAI_BASE_URL', 'http://u:hunter2-pw@[oops/v1'],
      ['PUBLIC_URL', 'gopher://u:hunter2-pw@ops.example'],
    ]) {
      let error: unknown;
      try {
        loadConfig({ [variable]: value, OPENAI_API_KEY: 'k' });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).not.toContain('hunter2-pw');
      expect((error as Error).message).toContain('u:***@');
    }
    const c = loadConfig({ PUBLIC_URL: 'https://ops:hunter2-pw@ops.example/neuralops/' });
    expect(c.insight.publicUrl).toBe('https://ops.example/neuralops');
    expect(c.warnings.join('\n')).toContain('PUBLIC_URL');
    expect(c.warnings.join('\n')).not.toContain('hunter2-pw');
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

describe('OTLP and model price settings', () => {
  it('reads MODEL_PRICES_FILE and stops on a bad one, naming the variable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-config-'));
    try {
      const good = path.join(dir, 'good.json');
      fs.writeFileSync(good, JSON.stringify({ 'gpt-4o': { input_per_million: 2.5, output_per_million: 10 } }));
      expect(loadConfig({ MODEL_PRICES_FILE: good }).modelPrices).toEqual({ 'gpt-4o': { input_per_million: 2.5, output_per_million: 10 } });
      expect(loadConfig({}).modelPrices).toBeUndefined();
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, '{"m": {"input_per_million": "cheap"}}');
      expect(() => loadConfig({ MODEL_PRICES_FILE: bad })).toThrow(/^MODEL_PRICES_FILE: .*"m" must be/);
      expect(() => loadConfig({ MODEL_PRICES_FILE: path.join(dir, 'missing.json') })).toThrow(/^MODEL_PRICES_FILE: .*cannot be read \(ENOENT\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('OTLP/gRPC is off unless OTLP_GRPC_PORT is set; OTLP_ROOT_WAIT_S defaults to 60', () => {
    expect(loadConfig({}).otlp).toMatchObject({ grpcPort: undefined, rootWaitS: 60, maxSpansPerRequest: 10_000, maxAttributesPerSpan: 128 });
    expect(loadConfig({ OTLP_GRPC_PORT: '4317', HOST: '0.0.0.0' }).otlp).toMatchObject({ grpcPort: 4317, grpcHost: '0.0.0.0' });
    expect(() => loadConfig({ OTLP_GRPC_PORT: 'grpc' })).toThrow(/^OTLP_GRPC_PORT: /);
    expect(() => loadConfig({ OTLP_ROOT_WAIT_S: '0' })).toThrow(/^OTLP_ROOT_WAIT_S: /);
  });
});
