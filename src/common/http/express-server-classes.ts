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
 * request rises. Built with the prototype Express sets, its call has nothing to change, and each
 * request's garbage dies young.
 *
 * Kept because it pays: on the ablation of reports/performance.md part 11 (HOT_PATH_OFF=server-classes
 * against the server as deployed, 5 paired repeats in one run) the first page of
 * `GET /workflows/:id/runs` served +40.9 % more requests (95 % interval +10.5 … +84.2 %) and
 * `POST /runs` +34.2 % (+8.1 … +74.7 %); part 10 re-measures it on every bench. Its test holds the
 * behaviour it relies on: Express re-pointing each request's and response's prototype.
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
