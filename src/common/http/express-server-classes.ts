import * as http from 'node:http';
import type { Express } from 'express';

/**
 * The request and response classes the HTTP server constructs, whose prototypes are the app's
 * request and response prototypes (`app.request` and `app.response` are replaced by them).
 *
 * Express re-points the prototype of every request and response it handles
 * (`Object.setPrototypeOf` in `app.handle`). Done to an object V8 has already built, that costs far
 * more than the call: the requests' object graphs outlive young-generation collections and are
 * promoted to the old generation, scavenges take several times longer, and the server's CPU per
 * request rises (reports/performance.md, part 3, measures it on the bare Express server). Built
 * with the prototype Express sets, its call has nothing to change, and each request's garbage
 * dies young.
 */
export function expressServerClasses(app: Express): {
  IncomingMessage: typeof http.IncomingMessage;
  ServerResponse: typeof http.ServerResponse;
} {
  // subclasses, so V8 sizes their objects for everything Node's constructors store on them; their
  // prototypes take the place of the app's request and response prototypes, members and all
  class Request extends http.IncomingMessage {}
  class Response extends http.ServerResponse {}
  adoptPrototype(Request.prototype, app.request);
  adoptPrototype(Response.prototype, app.response);
  app.request = Request.prototype as Express['request'];
  app.response = Response.prototype as Express['response'];
  return { IncomingMessage: Request, ServerResponse: Response as unknown as typeof http.ServerResponse };
}

/** Gives `target` the members and the prototype of `source`, so it can stand in for it. */
function adoptPrototype(target: object, source: object): void {
  Object.setPrototypeOf(target, Object.getPrototypeOf(source));
  Object.defineProperties(target, Object.getOwnPropertyDescriptors(source));
}
