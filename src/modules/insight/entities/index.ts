import { DeliveryEntity } from './delivery.entity';
import { InsightSignalEntity } from './insight-signal.entity';
import { ProbeRunEntity } from './probe-run.entity';
import { ProbeEntity } from './probe.entity';
import { SeriesStateEntity } from './series-state.entity';
import { SignalFeedbackEntity } from './signal-feedback.entity';
import { SilenceEntity } from './silence.entity';

export const INSIGHT_ENTITIES = [ProbeEntity, ProbeRunEntity, InsightSignalEntity, SeriesStateEntity, DeliveryEntity, SilenceEntity, SignalFeedbackEntity];
