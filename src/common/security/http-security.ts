import { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import { AppConfig } from '../../config/config';
import { precomputedHeaders } from '../http/chain';

/**
 * Security headers everywhere; the CSP allows what Swagger UI needs (its own scripts and styles,
 * inline styles and data: images) and nothing from other origins. The headers are fixed, so they
 * are worked out once at boot and replayed on each response. CORS is off unless origins are
 * configured.
 */
export function applyHttpSecurity(app: INestApplication, config: AppConfig): void {
  app.use(
    precomputedHeaders(helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    })),
  );
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'X-Request-Id', 'Prefer'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Preference-Applied'],
      maxAge: 600,
    });
  }
}
