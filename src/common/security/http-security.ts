import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../../config/config';
import { precomputedHeaders } from '../http/precomputed-headers';
import { isConsolePath } from '../http/console';

/**
 * The headers of every JSON answer: the set OWASP's REST Security Cheat Sheet names for APIs. A
 * JSON answer is never rendered as a page, so the browser-page policies helmet adds for HTML
 * (cross-origin isolation, DNS prefetch, download and legacy XSS switches) have nothing to act on;
 * the CSP forbids everything and framing, in case an answer is ever opened as a document.
 */
export const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
];

/**
 * The web console's own policy: its scripts, styles and calls from this origin only, nothing
 * inline, no eval, no plugins, no framing. Not upgrade-insecure-requests: the server may be
 * reached over plain HTTP, where that would break every asset.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export const CONSOLE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', CONSOLE_CSP],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/** Swagger UI's pages and assets: helmet's whole set. */
export function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}

function docsHeaders(upgradeInsecureRequests: boolean): RequestHandler {
  // the CSP allows what Swagger UI needs (its own scripts and styles, inline styles and data:
  // images) and nothing from other origins; the headers are fixed, so they are worked out once
  return precomputedHeaders(helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': upgradeInsecureRequests ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  }));
}

/**
 * Security headers on every answer: the API set on JSON, helmet's on the docs, the console's on /ui.
 * The docs ask the browser to upgrade their assets to HTTPS only when the page itself came over
 * HTTPS (directly, or per TRUST_PROXY): on plain HTTP that upgrade would point every asset at a port
 * that speaks no TLS.
 */
export function securityHeaders(): RequestHandler {
  const docsOverHttps = docsHeaders(true);
  const docsOverHttp = docsHeaders(false);
  return (req: Request, res: Response, next: NextFunction) => {
    if (isDocsPath(req.url)) return (req.secure ? docsOverHttps : docsOverHttp)(req, res, next);
    if (isConsolePath(req.url)) {
      for (const [name, value] of CONSOLE_HEADERS) res.setHeader(name, value);
      return next();
    }
    for (const [name, value] of API_HEADERS) res.setHeader(name, value);
    next();
  };
}

/** CORS, off unless origins are configured. */
export function applyCors(app: INestApplication, config: AppConfig): void {
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'X-Request-Id', 'Prefer'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Preference-Applied'],
      maxAge: 600,
    });
  }
}
