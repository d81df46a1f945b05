/**
 * The NeuralOps client: `require('neuralops/client')`. Depends on nothing but Node 20's fetch;
 * `@langchain/core` is only an optional peer for the callback handler.
 */
export { NeuralOpsClient, CLIENT_ROUTES } from './neuralops.client';
export type { NeuralOpsClientOptions, ClientOperation, RunWriteOptions } from './neuralops.client';
export { NeuralOpsError } from './errors';
export { NeuralOpsCallbackHandler } from './callback-handler';
export type { NeuralOpsCallbackHandlerOptions } from './callback-handler';
export type { FlushResult } from './delivery-queue';
export * from './types';
