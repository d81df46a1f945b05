import { Injectable } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import { DependencyStatus } from '../../../common/health/health-indicators';
import { redactCredentials } from '../../../common/security/url-credentials';
import { AppConfig } from '../../../config/config';

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/** Alertmanager's API v2. Posting the same alert again refreshes it; that is how it stays alive. */
@Injectable()
export class AlertmanagerClient {
  private readonly http: AxiosInstance | undefined;
  /** ALERTMANAGER_URL as shown in /health: a password in it is masked */
  readonly url: string | undefined;

  constructor(config: AppConfig) {
    const url = config.insight.alertmanagerUrl;
    this.url = url ? redactCredentials(url) : undefined;
    if (url) this.http = axios.create({ baseURL: url, timeout: 10_000, validateStatus: () => true });
  }

  get configured(): boolean {
    return this.http !== undefined;
  }

  /** Throws with Alertmanager's answer unless it accepted the alerts. */
  async post(alerts: AlertmanagerAlert[]): Promise<void> {
    if (!this.http || !alerts.length) return;
    const res = await this.http.post('/api/v2/alerts', alerts, { headers: { 'Content-Type': 'application/json' } });
    if (res.status !== 200) {
      throw new Error(`Alertmanager answered HTTP ${res.status}: ${typeof res.data === 'string' ? res.data : JSON.stringify(res.data)}`.slice(0, 500));
    }
  }

  async health(): Promise<DependencyStatus> {
    if (!this.http) return { status: 'disabled', required: false, detail: 'ALERTMANAGER_URL is not set' };
    try {
      const res = await this.http.get('/-/ready', { responseType: 'text' });
      return { status: res.status === 200 ? 'up' : 'down', required: false, url: this.url, ...(res.status === 200 ? {} : { detail: `HTTP ${res.status}` }) };
    } catch (err) {
      return { status: 'down', required: false, url: this.url, detail: redactCredentials(err instanceof Error ? err.message : String(err)) };
    }
  }
}
