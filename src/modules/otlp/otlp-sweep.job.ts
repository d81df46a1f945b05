import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SingleFlight } from '../../common/scheduling/single-flight';
import { OtlpService } from './otlp.service';

/** Every 10 s: runs still waiting for their root span past OTLP_ROOT_WAIT_S are marked (OtlpService.sweep, which tests call). */
@Injectable()
export class OtlpSweepJob implements OnApplicationShutdown {
  private readonly sweeps = new SingleFlight(new Logger(OtlpSweepJob.name), 'OTLP root sweep');

  constructor(private readonly otlp: OtlpService) {}

  @Interval('otlp-root-sweep', 10_000)
  sweep(): Promise<void> {
    return this.sweeps.run(() => this.otlp.sweep());
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweeps.settled();
  }
}
