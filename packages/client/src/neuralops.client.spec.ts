import { NeuralOpsClient } from './neuralops.client';

describe('NeuralOpsClient', () => {
  it("calls fetch on its own, as a browser's fetch requires (never as the client's method)", async () => {
    let receiver: unknown = 'unset';
    const fetchLikeABrowser = function (this: unknown): Promise<Response> {
      receiver = this;
      // a browser's fetch throws "Illegal invocation" for any receiver but the window (or none)
      if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
      return Promise.resolve(new Response(JSON.stringify({ id: 'k', name: 'n', role: 'read', prefix: 'nops_x' }), { status: 200 }));
    } as unknown as typeof fetch;
    const client = new NeuralOpsClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', fetch: fetchLikeABrowser });
    await expect(client.currentKey()).resolves.toMatchObject({ role: 'read' });
    expect(receiver).toBeUndefined();
  });
});
