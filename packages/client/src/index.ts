/**
 * The NeuralOps client, `@neuralops/client`: depends on nothing but the platform's fetch (Node 18+,
 * browsers); `@langchain/core` is only an optional peer for the callback handler.
 */
export { NeuralOpsClient, CLIENT_ROUTES } from './neuralops.client.js';
export type { NeuralOpsClientOptions, ClientOperation, RunWriteOptions } from './neuralops.client.js';
export { NeuralOpsError } from './errors.js';
export { NeuralOpsCallbackHandler } from './callback-handler.js';
export type { NeuralOpsCallbackHandlerOptions } from './callback-handler.js';
export type { FlushResult } from './delivery-queue.js';
export * from './types.js';
