import { Injectable, Logger } from '@nestjs/common';
import { redactCredentials } from '../../../common/security/url-credentials';
import { AppConfig } from '../../../config/config';
import { Clock } from '../clock';
import { DeliveriesRepository, Delivery, DeliveryChannel } from '../deliveries.repository';
import { Signal } from '../domain/probe';
import { signalPageUrl } from '../domain/links';
import { signalLabels } from '../domain/alert-labels';
import { SignalsRepository } from '../signals.repository';
import { AlertmanagerAlert, AlertmanagerClient } from './alertmanager.client';
import { WebhookClient } from './webhook.client';

/** How long a firing alert lives in Alertmanager without being re-sent. */
export const ALERT_TTL_MS = 5 * 60_000;
const BATCH = 50;
/** A claimed delivery is invisible to other workers this long. */
const CLAIM_MS = 60_000;

export function deliveryBackoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.min(attempts, 16), 15 * 60_000);
}

/**
 * Sends the outbox: every signal state change is a row per channel, written in the transaction
 * that changed the signal. Failures back off and retry; a receiver that is down delays delivery.
 * Each row is claimed before sending, so two workers never send the same row at once, and the row
 * id is the X-NeuralOps-Delivery-Id, so a receiver can drop a retry it already took.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly signals: SignalsRepository,
    private readonly alertmanager: AlertmanagerClient,
    private readonly webhook: WebhookClient,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The alert for a signal: its labels (series labels, the probe's labels, then ours: alertname,
   * probe, probe_id, severity, wpk_id), and as annotations the hint, the score, the console link
   * and, once acknowledged, who acknowledged it. A firing alert keeps being sent while acknowledged:
   * stopping would let Alertmanager resolve it after its timeout.
   */
  private alertFor(signal: Signal, now: Date): AlertmanagerAlert {
    const endsAt = signal.state === 'resolved' && signal.resolved_at ? signal.resolved_at : new Date(now.getTime() + ALERT_TTL_MS);
    const url = signalPageUrl(this.config.insight.publicUrl, signal.id);
    const annotations: Record<string, string> = { hint: signal.hint, score: String(Math.round(signal.score * 100) / 100), summary: signal.hint, console_url: url };
    if (signal.acknowledged_at) {
      annotations.acknowledged = 'true';
      annotations.acknowledged_by = signal.acknowledged_by?.name ?? '';
      annotations.acknowledged_at = signal.acknowledged_at.toISOString();
    }
    return { labels: signalLabels(signal), annotations, startsAt: signal.observed_at.toISOString(), endsAt: endsAt.toISOString(), generatorURL: url };
  }

  /** Sends one delivery; answers the silence that holds it back instead, if one does. */
  private async send(d: Delivery, now: Date): Promise<string | undefined> {
    if (d.channel === 'webhook') {
      if (!this.webhook.configured) throw new Error('WEBHOOK_URL is no longer configured');
      // queued before a silence started holding its signal back
      const silencedBy = (await this.signals.findById(d.signal_id))?.silenced_by;
      if (silencedBy) return silencedBy;
      await this.webhook.post(d.body ?? '{}', d.id, now);
      return undefined;
    }
    if (!this.alertmanager.configured) throw new Error('ALERTMANAGER_URL is no longer configured');
    const signal = await this.signals.findById(d.signal_id);
    if (!signal) return undefined; // deleted: nothing left to say
    await this.alertmanager.post([this.alertFor(signal, now)]);
    return undefined;
  }

  /**
   * Sends every due outbox row once, until none is due; returns how many were delivered, failed
   * and superseded (replaced undelivered by a newer state of their signal). A success on a channel
   * makes its backed-off rows due at once: the receiver is back, so they go out in this flush.
   */
  async flush(): Promise<{ delivered: number; failed: number; superseded: number }> {
    let delivered = 0;
    let failed = 0;
    let superseded = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.deliveries.claimDue(now, new Date(now.getTime() + CLAIM_MS), BATCH);
      superseded += batch.superseded;
      if (!batch.claimed.length) return { delivered, failed, superseded };
      const recovered = new Set<DeliveryChannel>();
      for (const d of batch.claimed) {
        try {
          const silencedBy = await this.send(d, now);
          if (silencedBy) {
            await this.deliveries.markSilenced(d.id, silencedBy);
            continue;
          }
          await this.deliveries.markDelivered(d.id, this.clock.now());
          delivered++;
          if (!recovered.has(d.channel)) {
            recovered.add(d.channel);
            await this.deliveries.releaseBackoff(d.channel, this.clock.now());
          }
        } catch (err) {
          const reason = redactCredentials(err instanceof Error ? err.message : String(err));
          await this.deliveries.markFailed(d.id, reason, new Date(this.clock.now().getTime() + deliveryBackoffMs(d.attempts)));
          this.logger.warn(`delivery ${d.id} (${d.channel}, ${d.event}) failed, attempt ${d.attempts + 1}: ${reason}`);
          failed++;
        }
      }
    }
  }

  /** Keeps firing alerts alive in Alertmanager (endsAt = now + 5 min); Alertmanager dedupes by labels. */
  async resendFiring(): Promise<number> {
    if (!this.alertmanager.configured) return 0;
    const firing = await this.signals.findFiring();
    if (!firing.length) return 0;
    const now = this.clock.now();
    const alerts = firing.map((s) => this.alertFor(s, now));
    try {
      await this.alertmanager.post(alerts);
    } catch (err) {
      this.logger.warn(`re-sending ${alerts.length} firing alerts failed: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
    // Alertmanager answers again: what was backing off for it goes out with the next flush
    await this.deliveries.releaseBackoff('alertmanager', this.clock.now());
    return alerts.length;
  }
}
