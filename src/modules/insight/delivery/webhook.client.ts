import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { lazyAxios } from '../../../common/http/lazy-axios';
import { AppConfig } from '../../../config/config';

/** X-NeuralOps-Signature (deprecated): the body alone is signed, so a captured delivery can be replayed. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/**
 * X-NeuralOps-Signature-V2, the scheme receivers know from Stripe: the attempt's timestamp is signed
 * with the body, so a receiver that refuses old timestamps refuses replays.
 */
export function webhookSignatureV2(secret: string, unixSeconds: number, rawBody: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** Signed JSON POSTs to WEBHOOK_URL. A 2xx answer is a delivery; anything else is retried. */
@Injectable()
export class WebhookClient {
  /** made on the first delivery */
  private readonly client: (() => AxiosInstance) | undefined;

  constructor(private readonly config: AppConfig) {
    const url = config.insight.webhookUrl;
    if (url) this.client = lazyAxios({ timeout: 10_000, validateStatus: () => true, transformRequest: [(data: unknown) => data] });
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async post(rawBody: string, deliveryId: string, at: Date): Promise<void> {
    if (!this.client) return;
    const secret = this.config.insight.webhookSecret!;
    const t = Math.floor(at.getTime() / 1000);
    const res = await this.client().post(this.config.insight.webhookUrl!, rawBody, {
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'NeuralOps-Webhook/1',
        'X-NeuralOps-Signature-V2': webhookSignatureV2(secret, t, rawBody),
        'X-NeuralOps-Signature': webhookSignature(secret, rawBody),
        'X-NeuralOps-Timestamp': String(t),
        'X-NeuralOps-Delivery-Id': deliveryId,
      },
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
