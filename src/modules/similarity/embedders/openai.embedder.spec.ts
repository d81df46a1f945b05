import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { EmbeddingError } from './embedder';
import { OpenAiEmbedder } from './openai.embedder';

describe('OpenAiEmbedder with credentials in OPENAI_BASE_URL', () => {
  it('fails at once, without a request or the SDK’s retries, naming the variable with the password masked; transient', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const embedder = new OpenAiEmbedder({ apiKey: 'k', model: 'text-embedding-3-small', baseUrl: `http://user:hunter2-pw@127.0.0.1:${port}/v1` });
      const started = Date.now();
      const err = await embedder.embed([{ text: 'a run' } as never]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(200);
      expect(err).toBeInstanceOf(EmbeddingError);
      expect((err as EmbeddingError).transient).toBe(true);
      expect((err as Error).message).toContain(`OPENAI_BASE_URL http://user:***@127.0.0.1:${port}/v1 carries credentials`);
      expect((err as Error).message).not.toContain('hunter2-pw');
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a base URL without credentials is used as given', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [3, 4] }], model: 'm', usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const embedder = new OpenAiEmbedder({ apiKey: 'k', model: 'm', dimensions: 2, baseUrl: `http://127.0.0.1:${port}/v1` });
      const [vector] = await embedder.embed([{ text: 'a run' } as never]);
      expect(Array.from(vector)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
