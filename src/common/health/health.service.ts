import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { redactCredentials } from '../security/url-credentials';
import { DependencyStatus, HealthContributors } from './health-indicators';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, DependencyStatus>;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Database,
    private readonly contributors: HealthContributors,
  ) {}

  async report(): Promise<HealthReport> {
    const checks: Record<string, DependencyStatus> = {};
    const started = process.hrtime.bigint();
    try {
      await this.db.ping();
      const latency = Number(process.hrtime.bigint() - started) / 1e6;
      checks.database = { status: 'up', required: true, driver: this.db.kind, latency_ms: Math.round(latency * 100) / 100 };
    } catch (err) {
      checks.database = { status: 'down', required: true, driver: this.db.kind, detail: err instanceof Error ? err.message : String(err) };
    }
    await Promise.all(
      this.contributors.all().map(async (c) => {
        try {
          checks[c.name] = { ...(await c.check()), required: false };
        } catch (err) {
          checks[c.name] = { status: 'down', required: false, detail: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    for (const check of Object.values(checks)) {
      for (const [key, value] of Object.entries(check)) if (typeof value === 'string') check[key] = redactCredentials(value);
    }
    return { status: checks.database.status === 'up' ? 'ok' : 'unavailable', checks };
  }
}
