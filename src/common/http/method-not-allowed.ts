import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter';
import { AppError } from '../errors/app-error';

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

/**
 * What the router does when no route takes a request: a path that some route serves, asked with
 * another method, answers 405 with `Allow` (OPTIONS: 204 with `Allow`); any other path goes on to
 * `notFound`. Only requests no route took get here, so served requests pay nothing for it.
 */
export function methodNotAllowed(router: () => { stack: RouteLayer[] } | undefined, notFound: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = allowedMethods(router()?.stack ?? [], req.path);
    if (allowed.length === 0) return notFound(req, res, next);
    res.setHeader('Allow', allowed.join(', '));
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    sendError(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}`, { allowed }), req, res);
  };
}

function allowedMethods(stack: RouteLayer[], path: string): string[] {
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    let matched: unknown;
    try {
      matched = layer.match(path);
    } catch {
      matched = false; // a malformed escape in the path: no route of ours takes it
    }
    if (!matched) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.size === 0) return [];
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].sort();
}
