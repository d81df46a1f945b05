import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { AlertmanagerClient } from './delivery/alertmanager.client';
import { DeliveryWorker } from './delivery/delivery.worker';
import { WebhookClient } from './delivery/webhook.client';
import { DeliveriesRepository } from './deliveries.repository';
import { DetectorsController } from './detectors.controller';
import { InsightBootstrap } from './insight.bootstrap';
import { InsightMetrics } from './insight-metrics';
import { ProbeController } from './probe.controller';
import { ProbeRunner } from './probe-runner.service';
import { ProbeRunsRepository } from './probe-runs.repository';
import { ProbesController } from './probes.controller';
import { ProbesRepository } from './probes.repository';
import { ProbesService } from './probes.service';
import { RunMetricsRepository } from './run-metrics.repository';
import { ProbeScheduler } from './scheduler/probe-scheduler';
import { ProbeSchedulerJob } from './scheduler/probe-scheduler.job';
import { SeriesStateRepository } from './series-state.repository';
import { SignalSeriesService } from './signal-series.service';
import { SignalsController } from './signals.controller';
import { SignalsRepository } from './signals.repository';
import { SignalsService } from './signals.service';
import { SignalFeedbackRepository } from './signal-feedback.repository';
import { SilencesController } from './silences.controller';
import { SilencesRepository } from './silences.repository';
import { SilencesService } from './silences.service';
import { SignalsRetentionJob } from './signals-retention.job';
import { PrometheusSource } from './sources/prometheus.source';
import { RunMetricsSource } from './sources/run-metrics.source';

@Module({
  controllers: [ProbesController, ProbeController, SignalsController, SilencesController, DetectorsController],
  providers: [
    Clock,
    ProbesRepository,
    ProbeRunsRepository,
    SignalsRepository,
    SeriesStateRepository,
    DeliveriesRepository,
    SignalFeedbackRepository,
    SilencesRepository,
    SilencesService,
    RunMetricsRepository,
    PrometheusSource,
    RunMetricsSource,
    ProbeRunner,
    ProbesService,
    SignalsService,
    SignalsRetentionJob,
    SignalSeriesService,
    ProbeScheduler,
    ProbeSchedulerJob,
    AlertmanagerClient,
    WebhookClient,
    DeliveryWorker,
    InsightMetrics,
    InsightBootstrap,
  ],
  exports: [SignalsService],
})
export class InsightModule {}
