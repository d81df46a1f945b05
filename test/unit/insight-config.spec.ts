import { ConfigError, loadConfig } from '../../src/config/config';

describe('insight configuration', () => {
  it('defaults: no Prometheus, scheduler on, 20 series per probe, links to the listen address', () => {
    const c = loadConfig({}).insight;
    expect(c).toEqual({
      prometheus: undefined,
      promTimeoutMs: 10_000,
      schedulerEnabled: true,
      probesFile: undefined,
      probeMaxSeries: 20,
      probeConcurrency: 4,
      alertmanagerUrl: undefined,
      webhookUrl: undefined,
      webhookSecret: undefined,
      publicUrl: 'http://127.0.0.1:8080',
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PROM_URL: 'http://prom:9090/',
      PROM_USERNAME: 'u',
      PROM_PASSWORD: 'p',
      PROM_TIMEOUT_MS: '2500',
      SCHEDULER_ENABLED: 'false',
      PROBES_FILE: '/etc/neuralops/probes.json',
      PROBE_MAX_SERIES: '5',
      PROBE_CONCURRENCY: '2',
      ALERTMANAGER_URL: 'http://am:9093',
      WEBHOOK_URL: 'https://hooks.example.com/x',
      WEBHOOK_SECRET: '0123456789abcdef',
      PUBLIC_URL: 'https://neuralops.example.com/',
    }).insight;
    expect(c).toEqual({
      prometheus: { url: 'http://prom:9090', bearerToken: undefined, username: 'u', password: 'p' },
      promTimeoutMs: 2500,
      schedulerEnabled: false,
      probesFile: '/etc/neuralops/probes.json',
      probeMaxSeries: 5,
      probeConcurrency: 2,
      alertmanagerUrl: 'http://am:9093',
      webhookUrl: 'https://hooks.example.com/x',
      webhookSecret: '0123456789abcdef',
      publicUrl: 'https://neuralops.example.com',
    });
    expect(loadConfig({ PROM_URL: 'http://p', PROM_BEARER_TOKEN: 't' }).insight.prometheus?.bearerToken).toBe('t');
  });

  it('accepts PROMETHEUS_URL as a deprecated alias of PROM_URL', () => {
    const c = loadConfig({ PROMETHEUS_URL: 'http://p:9090' });
    expect(c.insight.prometheus?.url).toBe('http://p:9090');
    expect(c.warnings).toEqual(['PROMETHEUS_URL is deprecated; use PROM_URL']);
  });

  it.each([
    [{ PROM_URL: 'prom:9090' }, 'PROM_URL'],
    [{ PROM_URL: 'ftp://prom' }, 'PROM_URL'],
    [{ PROM_BEARER_TOKEN: 't' }, 'PROM_URL'],
    [{ PROM_URL: 'http://p', PROM_BEARER_TOKEN: 't', PROM_USERNAME: 'u' }, 'PROM_BEARER_TOKEN'],
    [{ PROM_URL: 'http://p', PROM_PASSWORD: 'p' }, 'PROM_USERNAME'],
    [{ PROM_TIMEOUT_MS: '10s' }, 'PROM_TIMEOUT_MS'],
    [{ PROM_TIMEOUT_MS: '5' }, 'PROM_TIMEOUT_MS'],
    [{ SCHEDULER_ENABLED: 'maybe' }, 'SCHEDULER_ENABLED'],
    [{ PROBE_MAX_SERIES: '0' }, 'PROBE_MAX_SERIES'],
    [{ PROBE_CONCURRENCY: 'many' }, 'PROBE_CONCURRENCY'],
    [{ ALERTMANAGER_URL: 'not a url' }, 'ALERTMANAGER_URL'],
    [{ WEBHOOK_URL: 'http://h/x' }, 'WEBHOOK_SECRET'],
    [{ WEBHOOK_URL: 'http://h/x', WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET'],
    [{ PUBLIC_URL: '/relative' }, 'PUBLIC_URL'],
  ])('%p is refused naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message.startsWith(`${variable}: `)).toBe(true);
  });
});
