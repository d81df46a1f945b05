import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthContributors } from '../../common/health/health-indicators';
import { AppConfig } from '../../config/config';
import { AlertmanagerClient } from './delivery/alertmanager.client';
import { ProbesService } from './probes.service';
import { PrometheusSource } from './sources/prometheus.source';

/** Boot-time wiring: /health contributors and PROBES_FILE. A bad probes file stops the boot. */
@Injectable()
export class InsightBootstrap implements OnModuleInit {
  constructor(
    private readonly health: HealthContributors,
    private readonly prometheus: PrometheusSource,
    private readonly alertmanager: AlertmanagerClient,
    private readonly probes: ProbesService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.health.register({ name: 'prometheus', check: () => this.prometheus.health() });
    this.health.register({ name: 'alertmanager', check: () => this.alertmanager.health() });
    if (this.config.insight.probesFile) await this.probes.loadFile(this.config.insight.probesFile);
  }
}
