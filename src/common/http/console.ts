import * as fs from 'node:fs';
import * as path from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter';
import { AppError } from '../errors/app-error';

/** Where the web console lives. */
export const CONSOLE_PREFIX = '/ui';

export function isConsolePath(url: string): boolean {
  return url === CONSOLE_PREFIX || url.startsWith(`${CONSOLE_PREFIX}/`) || url.startsWith(`${CONSOLE_PREFIX}?`);
}

/**
 * The web console, built by Vite into `dir`: `/` and `/ui` redirect to `/ui/`; `/ui/assets/*`
 * are content-hashed files, cached for a year as immutable; any other `/ui/…` path is the app's
 * index.html, never cached, so a deep link (`/ui/runs/<id>`) works on reload and a new build is
 * picked up at once. Only GET and HEAD.
 */
export function consoleHandler(dir: string): RequestHandler {
  const assets = express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false, redirect: false });
  const indexFile = path.join(dir, 'index.html');
  let cached: { mtimeMs: number; body: Buffer } | undefined;
  const index = (): Buffer | undefined => {
    try {
      const stat = fs.statSync(indexFile);
      if (!cached || cached.mtimeMs !== stat.mtimeMs) cached = { mtimeMs: stat.mtimeMs, body: fs.readFileSync(indexFile) };
      return cached.body;
    } catch {
      return undefined;
    }
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const url = req.url;
    if (url === '/' || url.startsWith('/?')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      res.redirect(302, `${CONSOLE_PREFIX}/`);
      return;
    }
    if (!isConsolePath(url)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendError(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}; allowed: GET, HEAD`, { allowed: ['GET', 'HEAD'] }), req, res);
      return;
    }
    if (req.path === CONSOLE_PREFIX) {
      res.redirect(301, `${CONSOLE_PREFIX}/${url.slice(CONSOLE_PREFIX.length)}`);
      return;
    }
    if (req.path.startsWith(`${CONSOLE_PREFIX}/assets/`)) {
      req.url = url.slice(`${CONSOLE_PREFIX}/assets`.length);
      assets(req, res, (err?: unknown) => {
        req.url = url;
        const status = (err as { status?: number } | undefined)?.status;
        sendError(status === 404 || status === 403 ? new AppError('ROUTE_NOT_FOUND', `no console asset at ${req.path}`) : err, req, res);
      });
      return;
    }
    const body = index();
    if (!body) {
      sendError(new AppError('ROUTE_NOT_FOUND', `the web console is not built: run npm run build (looked in ${dir})`), req, res);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', String(body.length));
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };
}
