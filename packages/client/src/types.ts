/**
 * The client's names for the API's request and response types. Each is the type generated from the
 * server's OpenAPI document (generated/openapi.ts), so a changed DTO changes them too: the client
 * then fails to build where it no longer fits, and a test fails while the generated file is stale.
 */
import type { components, operations, paths } from './generated/openapi.js';

export type { components, operations, paths };

type Schemas = components['schemas'];
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type RunStatus = Schemas['RunDto']['status'];
export type ApiKeyRole = Schemas['ApiKeyDto']['role'];
export type JsonObject = Record<string, unknown>;
/** The shared error body of every failed request. */
export type ErrorBody = Schemas['ErrorResponse'];

export type NodeLog = Schemas['NodeLogDto'];
/** Tokens and cost over model calls, on a run and on each node log. */
export type Usage = NonNullable<Schemas['RunDto']['usage']>;
export type CreateRun = Schemas['CreateRunDto'];
/** What a run write answers with `Prefer: return=minimal`: the stored status after the write. */
export type RunRef = Schemas['RunRefDto'];
export type RunSummary = Schemas['RunListItemDto'];
export type Run = Schemas['RunDto'];
export type RunPage = Schemas['RunPageDto'];
export type ListRunsQuery = Query<'listRuns'>;
export type BatchItemResult = Schemas['BatchItemResultDto'];
export type BatchResult = Schemas['BatchResultDto'];

export type SimilarRun = Schemas['SimilarRunDto'];
export type SimilarRuns = Schemas['SimilarRunsDto'];
export type SimilarQuery = Query<'similarRuns'>;
export type SearchRuns = Schemas['SearchRunsDto'];
export type EmbeddingRetry = Schemas['EmbeddingRetryDto'];
export type EmbeddingsRetry = Schemas['EmbeddingsRetryDto'];

export type RegisterWorkflow = Schemas['RegisterWorkflowDto'];
export type UpdateWorkflow = Schemas['UpdateWorkflowDto'];
export type Workflow = Schemas['WorkflowDto'];
export type WorkflowPage = Schemas['WorkflowPageDto'];
export type ListWorkflowsQuery = Query<'listWorkflows'>;
export type WorkflowRunsQuery = Query<'listWorkflowRuns'>;
export type NotifyRun = Schemas['NotifyRunDto'];
export type StatsWindow = Schemas['WorkflowStatsDto']['window'];
export type WorkflowStats24h = Schemas['WorkflowStats24hDto'];
export type WorkflowMetricsQuery = Query<'workflowMetrics'>;
export type MetricBucket = Schemas['MetricBucketDto'];
export type WorkflowMetrics = Schemas['WorkflowMetricsDto'];
export type WorkflowStats = Schemas['WorkflowStatsDto'];
export type WorkflowInsights = Schemas['WorkflowInsightsDto'];
export type SlowNode = Schemas['SlowNodeDto'];
export type FailingNode = Schemas['FailingNodeDto'];
export type FailureCluster = Schemas['FailureClusterDto'];
export type Regression = Schemas['RegressionDto'];

export type ProbeSource = Schemas['ProbeDto']['source'];
export type CreateProbe = Schemas['CreateProbeDto'];
export type UpdateProbe = Schemas['UpdateProbeDto'];
export type Probe = Schemas['ProbeDto'];
export type ProbeList = Schemas['ProbeListDto'];
export type ProbeRun = Schemas['ProbeRunDto'];
export type ProbeDetail = Schemas['ProbeDetailDto'];
export type RunNowResult = Schemas['RunNowResultDto'];
export type AdhocProbe = Schemas['AdhocProbeDto'];
export type Anomaly = Schemas['AnomalyDto'];
export type AdhocResult = Schemas['AdhocResultDto'];

export type Signal = Schemas['SignalDto'];
export type SignalDetail = Schemas['SignalDetailDto'];
export type SignalDelivery = Schemas['SignalDeliveryDto'];
export type SeriesSample = Schemas['SeriesSampleDto'];
export type SignalSeries = Schemas['SignalSeriesDto'];
export type SeriesResult = Schemas['SeriesResultDto'];
export type SignalPage = Schemas['SignalPageDto'];
export type ListSignalsQuery = Query<'listSignals'>;
export type SignalRunsQuery = Query<'signalRuns'>;
export type LinkedRun = Schemas['LinkedRunDto'];
export type SignalRuns = Schemas['SignalRunsDto'];
export type Severity = Schemas['ProbeDto']['severity'];
export type TuningEntry = Schemas['TuningEntryDto'];
export type AckSignal = Schemas['AckSignalDto'];
export type SnoozeSignal = Schemas['SnoozeSignalDto'];
export type SignalFeedbackBody = Schemas['SignalFeedbackBodyDto'];
export type SignalFeedback = Schemas['SignalFeedbackDto'];
export type FeedbackLabel = Schemas['SignalFeedbackBodyDto']['label'];
export type CreateSilence = Schemas['CreateSilenceDto'];
export type SilenceMatcher = Schemas['SilenceMatcherInputDto'];
export type Silence = Schemas['SilenceDto'];
export type SilenceList = Schemas['SilenceListDto'];
export type Detector = Schemas['DetectorDto'];
export type DetectorList = Schemas['DetectorListDto'];
export type SensitivityLevel = Schemas['SensitivityLevelDto'];
export type ListSilencesQuery = Query<'listSilences'>;

export type CreateApiKey = Schemas['CreateApiKeyDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type ApiKeyList = Schemas['ApiKeyListDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
/** The key a request was made with (GET /auth/me). */
export type CurrentKey = Schemas['CurrentKeyDto'];

export type Health = Schemas['HealthDto'];
