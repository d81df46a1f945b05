/**
 * An API error (`{ error: { code, message, details? }, request_id }`), or a transport failure:
 * status 0 with code NETWORK_ERROR or TIMEOUT when no answer came.
 */
export class NeuralOpsError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly request_id?: string;

  constructor(init: { status: number; code: string; message: string; details?: unknown; request_id?: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'NeuralOpsError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.request_id = init.request_id;
  }

  /** Worth retrying: no answer, a timeout, 408, 429 or a 5xx. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}
