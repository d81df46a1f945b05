/**
 * Run as a child process by the handler tests: records one graph run against a server that is
 * down, awaits flush() and prints how long each step took; the process must then exit by itself.
 */
import { NeuralOpsCallbackHandler } from '@neuralops/client';
import { linearGraph } from './graphs';

async function main(): Promise<void> {
  const handler = new NeuralOpsCallbackHandler({
    baseUrl: process.argv[2],
    apiKey: 'irrelevant-key-0000000000',
    maxAttempts: 3,
    retryBaseMs: 100,
    onWarning: (m) => process.stderr.write(`${m}\n`),
  });
  const t0 = Date.now();
  const result = await linearGraph().invoke({ value: 1 }, { callbacks: [handler] });
  const invoked = Date.now() - t0;
  const flushed = await handler.flush();
  process.stdout.write(`${JSON.stringify({ value: result.value, invoked_ms: invoked, flushed_ms: Date.now() - t0, flushed, stats: handler.stats })}\n`);
}

void main();
