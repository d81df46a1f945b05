/**
 * A start that cannot go on for a reason the operator can act on (the database cannot be reached,
 * the port is taken). Its message is the whole story: it is logged as one line, without a stack.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
