import { ApiExtension } from '@nestjs/swagger';

/** Where the error codes an operation declares wait for the document builder. */
export const ERROR_CODES_EXTENSION = 'x-neuralops-error-codes';

/** An operation every valid key may call: no role can be refused, so it documents no 403. */
export const ANY_ROLE_EXTENSION = 'x-neuralops-any-role';

/** An error code, with the case it answers on this route when the general description is not enough. */
export type DeclaredError = string | { code: string; when: string };

/**
 * The error codes a route can answer beyond the ones every route of its kind can (bad parameters or
 * body, missing key, rate limit, shutting down: the document builder adds those). Each becomes a
 * response with the shared error body, under the status the error filter gives the code.
 */
export const ApiErrors = (...errors: DeclaredError[]): MethodDecorator & ClassDecorator =>
  ApiExtension(ERROR_CODES_EXTENSION, errors.map((e) => (typeof e === 'string' ? { code: e } : e)));

/**
 * An operation that answers in another protocol's own format (OTLP): the given `requestBody`,
 * `responses` and `description` replace what the builder would add, shared error body included.
 */
export const OWN_ANSWERS_EXTENSION = 'x-neuralops-own-answers';
