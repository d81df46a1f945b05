import { ConfigError, loadConfig } from '../../src/config/config';

const load = (env: Record<string, string | undefined>) => loadConfig(env).similarity;
const errorOf = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
  } catch (err) {
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('similarity config', () => {
  it('defaults: on, local embedder, embedded store, inputs/outputs embedded', () => {
    expect(load({})).toEqual({
      enabled: true,
      embedder: 'local',
      openai: undefined,
      model: 'text-embedding-3-small',
      dimensions: undefined,
      embedInputsOutputs: true,
      milvus: undefined,
      workerIntervalMs: 1000,
      batchSize: 32,
    });
  });

  it('picks the OpenAI-compatible embedder when a key is set (EMBEDDER=auto)', () => {
    const c = load({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://localhost:11434/v1/', EMBEDDING_MODEL: 'nomic-embed-text', EMBEDDING_DIMENSIONS: '768' });
    expect(c).toMatchObject({ embedder: 'openai', openai: { apiKey: 'sk-test', baseUrl: 'http://localhost:11434/v1' }, model: 'nomic-embed-text', dimensions: 768 });
    expect(load({ OPENAI_API_KEY: 'sk-test', EMBEDDER: 'local' }).embedder).toBe('local');
  });

  it('accepts the seed aliases OPENAI_KEY and MILVUS_ENDPOINT with deprecation warnings', () => {
    const c = loadConfig({ OPENAI_KEY: 'sk-old', MILVUS_ENDPOINT: 'milvus:19530' });
    expect(c.similarity.openai?.apiKey).toBe('sk-old');
    expect(c.similarity.milvus).toEqual({ address: 'milvus:19530', token: undefined, collection: 'neuralops_runs', timeoutMs: 10_000 });
    expect(c.warnings).toEqual(['OPENAI_KEY is deprecated; use OPENAI_API_KEY', 'MILVUS_ENDPOINT is deprecated; use MILVUS_ADDRESS']);
    expect(loadConfig({ OPENAI_KEY: 'a', OPENAI_API_KEY: 'b' }).similarity.openai?.apiKey).toBe('b');
  });

  it('parses the switches and numbers', () => {
    const c = load({
      EMBEDDINGS_ENABLED: 'false',
      EMBED_INPUTS_OUTPUTS: '0',
      EMBEDDING_WORKER_INTERVAL_MS: '250',
      EMBEDDING_BATCH_SIZE: '8',
      MILVUS_ADDRESS: 'localhost:19530',
      MILVUS_TOKEN: 'root:Milvus',
      MILVUS_COLLECTION: 'runs_v2',
      MILVUS_TIMEOUT_MS: '1500',
    });
    expect(c).toMatchObject({ enabled: false, embedInputsOutputs: false, workerIntervalMs: 250, batchSize: 8, milvus: { address: 'localhost:19530', token: 'root:Milvus', collection: 'runs_v2', timeoutMs: 1500 } });
  });

  it.each([
    [{ EMBEDDINGS_ENABLED: 'maybe' }, 'EMBEDDINGS_ENABLED'],
    [{ EMBED_INPUTS_OUTPUTS: 'yes please' }, 'EMBED_INPUTS_OUTPUTS'],
    [{ EMBEDDER: 'bert' }, 'EMBEDDER'],
    [{ EMBEDDER: 'openai' }, 'OPENAI_API_KEY'],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_BASE_URL: 'ftp://x' }, 'OPENAI_BASE_URL'],
    [{ EMBEDDING_DIMENSIONS: '0' }, 'EMBEDDING_DIMENSIONS'],
    [{ EMBEDDING_DIMENSIONS: '1.5' }, 'EMBEDDING_DIMENSIONS'],
    [{ EMBEDDING_BATCH_SIZE: '0' }, 'EMBEDDING_BATCH_SIZE'],
    [{ EMBEDDING_BATCH_SIZE: '5000' }, 'EMBEDDING_BATCH_SIZE'],
    [{ EMBEDDING_WORKER_INTERVAL_MS: '10' }, 'EMBEDDING_WORKER_INTERVAL_MS'],
    [{ MILVUS_COLLECTION: 'bad-name' }, 'MILVUS_COLLECTION'],
    [{ MILVUS_TOKEN: 'root:Milvus' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'h:1', MILVUS_TIMEOUT_MS: '5' }, 'MILVUS_TIMEOUT_MS'],
    [{ MILVUS_ADDRESS: 'http://:bad' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'milvus:port' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'milvus:99999' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'milvus:0' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'grpc://milvus:19530' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'http://milvus:19530/v2/vectordb' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'milvus 19530' }, 'MILVUS_ADDRESS'],
    [{ MILVUS_ADDRESS: 'http://root:Milvus@milvus:19530', MILVUS_TOKEN: 'root:Milvus' }, 'MILVUS_ADDRESS'],
  ])('refuses %j naming %s', (env, variable) => {
    const err = errorOf(env as Record<string, string>);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('accepts host:port and http(s):// addresses; a user and password in one become the token', () => {
    const milvus = (address: string) => load({ MILVUS_ADDRESS: address }).milvus;
    expect(milvus('localhost:19530')).toMatchObject({ address: 'localhost:19530', token: undefined });
    expect(milvus(' milvus ')).toMatchObject({ address: 'milvus' });
    expect(milvus('[::1]:19530')).toMatchObject({ address: '[::1]:19530' });
    expect(milvus('http://10.0.0.5:19530/')).toMatchObject({ address: 'http://10.0.0.5:19530' });
    expect(milvus('https://in03-abc.serverless.cloud.zilliz.com')).toMatchObject({ address: 'https://in03-abc.serverless.cloud.zilliz.com' });
    expect(milvus('http://root:p%40ss@milvus:19530')).toMatchObject({ address: 'http://milvus:19530', token: 'root:p@ss' });
  });

  it('never puts the OpenAI key or the Milvus token in a message or warning', () => {
    const key = 'sk-very-secret-key-123';
    const token = 'root:very-secret-token';
    const c = loadConfig({ OPENAI_KEY: key, MILVUS_ENDPOINT: 'h:1', MILVUS_TOKEN: token });
    expect(c.warnings.join('\n')).not.toMatch(/very-secret/);
    expect(errorOf({ OPENAI_API_KEY: key, EMBEDDING_BATCH_SIZE: 'x' }).message).not.toContain(key);
    expect(errorOf({ MILVUS_TOKEN: token }).message).not.toContain(token);
  });
});
