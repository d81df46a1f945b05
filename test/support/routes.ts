import { INestApplication } from '@nestjs/common';

export interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the app serves, read from the Express router itself (not from the docs). */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes: RouteInfo[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes;
}

/** Turns `/runs/:id` into a concrete path a request can hit. */
export function concretePath(path: string): string {
  return path
    .replace(/:id\b/g, '00000000-0000-0000-0000-000000000000')
    .replace(/:(\w+)/g, 'x')
    .replace(/\{\/?\*?\w+\}/g, '')
    .replace(/\*\w*/g, 'x');
}
