/**
 * `neuralops/client`, kept for one release: the client is its own package now.
 *
 * @deprecated Install `@neuralops/client` and import from it; this path goes away in the next release.
 */
export * from '@neuralops/client';
