import { Injectable } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { DependencyStatus } from '../../../common/health/health-indicators';
import { lazyAxios } from '../../../common/http/lazy-axios';
import { redactCredentials } from '../../../common/security/url-credentials';
import { AppConfig } from '../../../config/config';

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

export interface AlertmanagerSilence {
  id?: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** Alertmanager's API v2. Posting the same alert again refreshes it; that is how it stays alive. */
@Injectable()
export class AlertmanagerClient {
  /** made on the first call to Alertmanager */
  private readonly client: (() => AxiosInstance) | undefined;
  /** ALERTMANAGER_URL as shown in /health: a password in it is masked */
  readonly url: string | undefined;

  constructor(config: AppConfig) {
    const url = config.insight.alertmanagerUrl;
    this.url = url ? redactCredentials(url) : undefined;
    if (url) this.client = lazyAxios({ baseURL: url, timeout: 10_000, validateStatus: () => true });
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /** Throws with Alertmanager's answer unless it accepted the alerts. */
  async post(alerts: AlertmanagerAlert[]): Promise<void> {
    if (!this.client || !alerts.length) return;
    const res = await this.client().post('/api/v2/alerts', alerts, { headers: { 'Content-Type': 'application/json' } });
    if (res.status !== 200) {
      throw new Error(`Alertmanager answered HTTP ${res.status}: ${typeof res.data === 'string' ? res.data : JSON.stringify(res.data)}`.slice(0, 500));
    }
  }

  /** POST /api/v2/silences (with `id`: updates that silence); answers Alertmanager's silence id. */
  async putSilence(silence: AlertmanagerSilence): Promise<string> {
    if (!this.client) throw new Error('ALERTMANAGER_URL is not set');
    const http = this.client();
    let res = await http.post('/api/v2/silences', silence, { headers: { 'Content-Type': 'application/json' } });
    // an Alertmanager that lost the silence (a fresh one, its data gone) takes it as a new one
    if (res.status === 404 && silence.id) {
      const { id: _lost, ...fresh } = silence;
      res = await http.post('/api/v2/silences', fresh, { headers: { 'Content-Type': 'application/json' } });
    }
    if (res.status !== 200 || typeof res.data?.silenceID !== 'string') {
      throw new Error(`Alertmanager answered HTTP ${res.status}: ${typeof res.data === 'string' ? res.data : JSON.stringify(res.data)}`.slice(0, 500));
    }
    return res.data.silenceID as string;
  }

  /** DELETE /api/v2/silence/{id}; a silence Alertmanager no longer has, or has already expired, is done too. */
  async expireSilence(id: string): Promise<void> {
    if (!this.client) throw new Error('ALERTMANAGER_URL is not set');
    const res = await this.client().delete(`/api/v2/silence/${encodeURIComponent(id)}`, { responseType: 'text' });
    if (res.status === 200 || res.status === 404) return;
    const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
    if (/already expired|not found/i.test(text)) return;
    throw new Error(`Alertmanager answered HTTP ${res.status}: ${text}`.slice(0, 500));
  }

  async health(): Promise<DependencyStatus> {
    if (!this.client) return { status: 'disabled', required: false, detail: 'ALERTMANAGER_URL is not set' };
    try {
      const res = await this.client().get('/-/ready', { responseType: 'text' });
      return { status: res.status === 200 ? 'up' : 'down', required: false, url: this.url, ...(res.status === 200 ? {} : { detail: `HTTP ${res.status}` }) };
    } catch (err) {
      return { status: 'down', required: false, url: this.url, detail: redactCredentials(err instanceof Error ? err.message : String(err)) };
    }
  }
}
