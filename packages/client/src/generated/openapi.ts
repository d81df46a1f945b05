/**
 * The NeuralOps API as TypeScript types, generated from its OpenAPI document (/docs-json) by
 * openapi-typescript. Do not edit: `npm run client:generate` writes it again.
 */
export interface paths {
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never their secrets) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (the secret is shown only in this answer) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (revoking again changes nothing) */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The key this request was made with: its id, name, role and prefix (any role) */
        get: operations["currentKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/detectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The detectors a probe can use, each sensitivity level’s threshold, and how often that level alerted on healthy series
         * @description The figures are what `npm run bench:nab` measured on healthy synthetic series and injected incidents (reports/nab.md); a level whose threshold has changed since shows `measured: null`.
         */
        get: operations["listDetectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/embeddings/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue every run whose embedding failed again */
        post: operations["retryEmbeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness: 200 when the database answers, 503 when it does not (no key needed) */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/langgraph/hooks/log_run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The seed's run-logger hook; the same as POST /runs */
        post: operations["logRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/probe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The seed's on-demand probe: score every series of the lookback now and store a signal per anomaly episode
         * @description With a threshold and no detector, the detector is zscore (|z| ≥ threshold σ). Repeating a call over the same data adds no signal.
         */
        post: operations["probe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/probes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every probe with its run state */
        get: operations["listProbes"];
        put?: never;
        /** Define a probe (only name and query are required); a PromQL query is checked against Prometheus */
        post: operations["createProbe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/probes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One probe, its run state, its recent runs and its series (with when each one’s detector may first alert) */
        get: operations["getProbe"];
        put?: never;
        post?: never;
        /** Delete a probe (its signals stay) */
        delete: operations["deleteProbe"];
        options?: never;
        head?: never;
        /** Change a probe; a changed query, detector or window starts its series afresh and makes it due now */
        patch: operations["updateProbe"];
        trace?: never;
    };
    "/probes/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the probe now; a failed run answers 200 with the run’s error recorded */
        post: operations["runProbe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/probes/{id}/tuning/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo what feedback did to the probe: its effective threshold goes back to the configured one (logged in tuning) */
        post: operations["resetProbeTuning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs, newest first, with filters and keyset (cursor) or page paging */
        get: operations["listRuns"];
        put?: never;
        /** Record a run (idempotent on wpk_id + run_id: 201 when created, 200 when merged) */
        post: operations["recordRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run with its inputs, outputs and node logs */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/embedding/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a run whose embedding failed again (e.g. once the provider is fixed); the background worker embeds it */
        post: operations["retryRunEmbedding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The k runs nearest to this one by embedding (itself excluded), best first */
        get: operations["similarRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record 1–1,000 runs; each item is validated and stored on its own (an invalid item is an error item, not a 400) */
        post: operations["recordRuns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Free-text search over runs by embedding, best first */
        post: operations["searchRuns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anomaly signals, newest observed_at first (all states unless `state` is given) */
        get: operations["listSignals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One signal, with the state of its deliveries per channel */
        get: operations["getSignal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge a signal: it keeps firing in Alertmanager with the annotations acknowledged and acknowledged_by; the webhook gets one signal.acknowledged
         * @description The first acknowledgement is kept; repeating it answers the signal unchanged.
         */
        post: operations["acknowledgeSignal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals/{id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Label a signal useful or noise (one label per key: a later one replaces it); on a probe's signal it tunes the probe's effective threshold */
        post: operations["signalFeedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The runs behind a signal: its workflow’s runs from observed_at − step to resolved_at (or now), failed first */
        get: operations["signalRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals/{id}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The series around the signal's episode (a margin of max(20 steps, half the episode) each side), fetched again and re-scored from scratch with the probe's current spec */
        get: operations["signalSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signals/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Snooze a firing signal until a time: no webhook deliveries, and a silence on its labels (mirrored to Alertmanager) until then; it resolves normally
         * @description Snoozing a snoozed signal moves its snooze. The snooze is a silence: it is listed by GET /silences and DELETE /silences/:id ends it early.
         */
        post: operations["snoozeSignal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active and pending silences, and those expired in the last 7 days; latest end first */
        get: operations["listSilences"];
        put?: never;
        /**
         * Silence matching signals for a while (a maintenance window): no webhook deliveries, stored with silenced_by; mirrored to Alertmanager
         * @description Matchers apply to the labels a signal is sent with: probe (its name), probe_id, severity, wpk_id, alertname, the probe’s labels and the series labels. Regexes are fully anchored, as in Alertmanager. When the silence ends, a signal still firing is delivered once.
         */
        post: operations["createSilence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/silences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One silence, with the state of its copy in Alertmanager */
        get: operations["getSilence"];
        put?: never;
        post?: never;
        /** Expire a silence now (and its copy in Alertmanager); signals it held back and still firing are delivered once */
        delete: operations["expireSilence"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/traces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OTLP/HTTP traces endpoint: each trace becomes a run (see the README for the mapping); answers in OTLP, not the shared error body
         * @description Point any OpenTelemetry SDK here: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<server>/v1/traces (or OTEL_EXPORTER_OTLP_ENDPOINT=<server>), OTEL_EXPORTER_OTLP_HEADERS=x-api-key=<ingest key>. Bodies may be gzip-compressed (Content-Encoding: gzip); the size limit (MAX_BATCH_BODY_BYTES) applies to the decompressed body too. At most 10,000 spans per request, 128 attributes per span, attribute values up to MAX_BODY_BYTES: over them partial_success says what was cut.
         */
        post: operations["exportTraces"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workflows ordered by id, with filters and a keyset cursor; archived ones only with include_archived; include=stats_24h adds each one's last 24 h */
        get: operations["listWorkflows"];
        put?: never;
        /** Register a workflow, or update a registered one (idempotent on id: 201 when created, 200 when updated) */
        post: operations["registerWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One workflow with its latest-run summary */
        get: operations["getWorkflow"];
        put?: never;
        post?: never;
        /** Archive a workflow: hidden from the listing by default; its runs stay and new runs are still recorded */
        delete: operations["archiveWorkflow"];
        options?: never;
        head?: never;
        /** Change descriptive fields (absent kept, null clears) */
        patch: operations["updateWorkflow"];
        trace?: never;
    };
    "/workflows/{id}/insights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Slowest and failing nodes, failed runs grouped by similarity, and regressions against the window before, from the workflow's run history */
        get: operations["getWorkflowInsights"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs per bucket by status, failure ratio and p50/p95 duration over a range, bucketed by when runs happened (started_at, or created_at when absent or over 5 min later) */
        get: operations["workflowMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workflow's runs, newest first: the seed's page/limit paging or a keyset cursor, as GET /runs */
        get: operations["listWorkflowRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/runs/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest run (greatest started_at ?? created_at, then run_id), as GET /runs/:id answers it */
        get: operations["latestWorkflowRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/runs/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The runtime agent's callback: records or updates the run (idempotent; 201 when it created the run, 200 otherwise) */
        post: operations["notifyWorkflowRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts, success rate and nearest-rank duration percentiles over runs whose started_at ?? created_at is within the window */
        get: operations["workflowStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AckSignalDto: {
            /**
             * @description why, or what is being done
             * @example looking into it
             */
            note?: string | null;
        };
        AdhocProbeDto: {
            /**
             * @description seconds after a signal fires before the series can fire again
             * @example 300
             */
            cooldown_s?: number | null;
            /**
             * @description the detector; the product default when absent
             * @example robust
             * @enum {string|null}
             */
            detector?: "zscore" | "ewma" | "robust" | "sentinel" | "vigil" | null;
            /**
             * @description the detector's parameters; its defaults when absent
             * @example {
             *       "window": 60
             *     }
             */
            detector_params?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description how far back each run looks: a Prometheus duration, at least one step and at most 400d (default 1h)
             * @example 1h
             */
            lookback?: string | null;
            /**
             * @description anomalous points in a row before a signal fires
             * @example 1
             */
            min_consecutive?: number | null;
            /**
             * @description PromQL, or a run metric for the runs source
             * @example cpu_usage
             */
            query: string;
            /**
             * @description true adds each series' samples (time, value, score; score null during warm-up) to the answer
             * @default false
             */
            samples?: boolean | null;
            /**
             * @description how readily the probe alerts, instead of a numeric threshold; medium (the default) is the detector’s default threshold. GET /detectors gives each level’s threshold and its measured false-alarm rate on healthy series. Not with threshold.
             * @default medium
             * @enum {string|null}
             */
            sensitivity?: "low" | "medium" | "high" | null;
            /**
             * @description default: prometheus when PROM_URL is set, else runs
             * @enum {string|null}
             */
            source?: "prometheus" | "runs" | null;
            /**
             * @description the resolution: a Prometheus duration of whole seconds (default 60s)
             * @example 60s
             */
            step?: string | null;
            /**
             * @description false only looks: no signal is stored
             * @default true
             */
            store?: boolean | null;
            /**
             * Format: double
             * @description alert threshold in the detector's unit, for experts; not with sensitivity (the sensitivity's threshold when absent)
             * @example 3.5
             */
            threshold?: number | null;
            /**
             * @description run-metric probes: one workflow (else one series per workflow)
             * @example invoice-agent
             */
            wpk_id?: string | null;
        };
        AdhocResultDto: {
            /** @description every episode found, all series */
            anomalies: components["schemas"]["AnomalyDto"][];
            /** @example zscore */
            detector: string;
            detector_params: {
                [key: string]: unknown;
            };
            /**
             * Format: double
             * @description the threshold the scores were judged against, in the detector's unit
             */
            effective_threshold: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            end: string;
            /** @example 1h */
            lookback: string;
            query: string;
            /**
             * @description the level the threshold comes from; null when a numeric threshold was given
             * @enum {string|null}
             */
            sensitivity: "low" | "medium" | "high" | null;
            series: components["schemas"]["SeriesResultDto"][];
            /** @enum {string} */
            source: "prometheus" | "runs";
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            start: string;
            /**
             * @description the step used (widened if the lookback needed it)
             * @example 60s
             */
            step: string;
            stored: boolean;
            /**
             * Format: double
             * @description configured alert threshold, in the detector's unit
             */
            threshold: number;
            /** @example σ */
            unit: string;
        };
        AnomalyDto: {
            hint: string;
            labels: {
                [key: string]: string;
            };
            /** @example cpu_usage */
            metric: string;
            /**
             * Format: date-time
             * @description the episode's first anomalous sample
             * @example 2026-01-15T10:00:00.000Z
             */
            observed_at: string;
            /**
             * Format: date-time
             * @description when its peak was
             * @example 2026-01-15T10:00:00.000Z
             */
            peak_at: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            resolved_at: string | null;
            score: number;
            /** @example instance="a" */
            series: string;
            /**
             * Format: uuid
             * @description the stored signal (null with store: false)
             */
            signal_id: string | null;
            /** @enum {string} */
            state: "firing" | "resolved";
            value: number;
        };
        ApiKeyDto: {
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            last_used_at: string | null;
            /** @example langgraph-prod-ingest */
            name: string;
            /**
             * @description the non-secret start of the key
             * @example nops_AbCdEfGh
             */
            prefix: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            revoked_at: string | null;
            /** @enum {string} */
            role: "ingest" | "read" | "admin";
        };
        ApiKeyListDto: {
            items: components["schemas"]["ApiKeyDto"][];
        };
        BatchItemErrorDto: {
            /** @example VALIDATION_FAILED */
            code: string;
            /** @description for VALIDATION_FAILED the list of `{ field, message }` */
            details?: unknown;
            /** @example invalid request: status */
            message: string;
        };
        BatchItemResultDto: {
            /** @description why the item was refused (result error) */
            error?: components["schemas"]["BatchItemErrorDto"];
            /**
             * Format: uuid
             * @description the stored run (created or updated)
             */
            id?: string;
            /**
             * @description the position of the item in `runs`
             * @example 0
             */
            index: number;
            /** @enum {string} */
            result: "created" | "updated" | "error";
        };
        BatchResultDto: {
            created: number;
            failed: number;
            items: components["schemas"]["BatchItemResultDto"][];
            updated: number;
        };
        BatchRunsDto: {
            /** @description each item is checked on its own: an invalid one becomes an error item */
            runs: components["schemas"]["CreateRunDto"][];
        };
        CreateApiKeyDto: {
            /**
             * @description no control characters
             * @example langgraph-prod-ingest
             */
            name: string;
            /**
             * @description ingest: write runs only; read: every GET; admin: everything
             * @example ingest
             * @enum {string}
             */
            role: "ingest" | "read" | "admin";
        };
        CreatedApiKeyDto: {
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /**
             * @description the secret; shown only in this answer
             * @example nops_…
             */
            key: string;
            /** @example langgraph-prod-ingest */
            name: string;
            /** @example nops_AbCdEfGh */
            prefix: string;
            /** @enum {string} */
            role: "ingest" | "read" | "admin";
        };
        CreateProbeDto: {
            /**
             * @description seconds after a signal fires before the series can fire again
             * @example 300
             */
            cooldown_s?: number | null;
            /**
             * @description cron expression (UTC) instead of interval_s
             * @example *\/5 * * * *
             */
            cron?: string | null;
            /**
             * @description the detector; the product default when absent
             * @example robust
             * @enum {string|null}
             */
            detector?: "zscore" | "ewma" | "robust" | "sentinel" | "vigil" | null;
            /**
             * @description the detector's parameters; its defaults when absent
             * @example {
             *       "window": 60
             *     }
             */
            detector_params?: {
                [key: string]: unknown;
            } | null;
            /** @default true */
            enabled?: boolean | null;
            /**
             * @description seconds between runs (default 60); not with cron
             * @example 60
             */
            interval_s?: number | null;
            /**
             * @description routing labels sent with its signals (at most 20; Prometheus label names; values at most 200 characters); they win over series labels of the same name; alertname, probe, probe_id, severity, wpk_id are NeuralOps' own. Replaces the labels as a whole
             * @example {
             *       "team": "payments",
             *       "service": "invoice"
             *     }
             */
            labels?: {
                [key: string]: string;
            } | null;
            /**
             * @description how far back each run looks: a Prometheus duration, at least one step and at most 400d (default 1h)
             * @example 1h
             */
            lookback?: string | null;
            /**
             * @description anomalous points in a row before a signal fires
             * @example 1
             */
            min_consecutive?: number | null;
            /** @example invoice-agent-p95 */
            name: string;
            /**
             * @description PromQL, or a run metric for the runs source
             * @example runs_duration_p95_ms
             */
            query: string;
            /**
             * @description how readily the probe alerts, instead of a numeric threshold; medium (the default) is the detector’s default threshold. GET /detectors gives each level’s threshold and its measured false-alarm rate on healthy series. Not with threshold.
             * @default medium
             * @enum {string|null}
             */
            sensitivity?: "low" | "medium" | "high" | null;
            /**
             * @description sent as the `severity` label (default warning)
             * @default warning
             * @enum {string|null}
             */
            severity?: "info" | "warning" | "critical" | null;
            /**
             * @description default: prometheus when PROM_URL is set, else runs
             * @enum {string|null}
             */
            source?: "prometheus" | "runs" | null;
            /**
             * @description the resolution: a Prometheus duration of whole seconds (default 60s)
             * @example 60s
             */
            step?: string | null;
            /**
             * Format: double
             * @description alert threshold in the detector's unit, for experts; not with sensitivity (the sensitivity's threshold when absent)
             * @example 3.5
             */
            threshold?: number | null;
            /**
             * @description run-metric probes: one workflow (else one series per workflow)
             * @example invoice-agent
             */
            wpk_id?: string | null;
        };
        CreateRunDto: {
            /**
             * Format: date-time
             * @description defaults to the time of the first write (also when null); never changes afterwards
             * @example 2026-01-15T10:00:00Z
             */
            created_at?: string | null;
            /** @example 1520 */
            duration_ms?: number | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:01.520Z
             */
            ended_at?: string | null;
            /** @example null */
            error?: string | null;
            /**
             * @description any JSON value
             * @example {
             *       "invoice_url": "https://example.com/i/1.pdf"
             *     }
             */
            inputs?: unknown;
            /**
             * @example {
             *       "model": "gpt-4o-mini"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description the models called, distinct
             * @example [
             *       "gpt-4o-mini"
             *     ]
             */
            models?: string[] | null;
            /** @description one entry per node that ran, in order */
            node_logs?: components["schemas"]["NodeLogDto"][] | null;
            /**
             * @description any JSON value
             * @example {
             *       "total": 1280.5,
             *       "currency": "EUR"
             *     }
             */
            outputs?: unknown;
            /**
             * @description unique within the workflow
             * @example run-2026-01-15-0001
             */
            run_id: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00Z
             */
            started_at?: string | null;
            /**
             * @description required to create a run; optional when updating one (absent keeps the stored status)
             * @example completed
             * @enum {string}
             */
            status?: "running" | "completed" | "failed" | "cancelled";
            /**
             * @example [
             *       "prod",
             *       "eu-west-1"
             *     ]
             */
            tags?: string[] | null;
            /**
             * @description tokens and cost over the model calls; cost_usd is null when no model of it is priced (MODEL_PRICES_FILE)
             * @example {
             *       "input_tokens": 1200,
             *       "output_tokens": 340,
             *       "total_tokens": 1540,
             *       "cost_usd": 0.000384
             *     }
             */
            usage?: {
                /** @description USD; priced by the server when absent or null */
                cost_usd?: number | null;
                input_tokens?: number | null;
                output_tokens?: number | null;
                /** @description input + output when not given */
                total_tokens?: number | null;
                /** @description models with tokens but no price, when the price table prices others */
                unpriced_models?: string[] | null;
            } | null;
            /**
             * @description workflow package id
             * @example invoice-agent
             */
            wpk_id: string;
        };
        CreateSilenceDto: {
            /** @example deploying invoice-agent 2.4 */
            comment: string;
            /**
             * Format: date-time
             * @description after starts_at and after now; at most 90 days after starts_at
             */
            ends_at: string;
            /** @description at least one; all must match */
            matchers: components["schemas"]["SilenceMatcherInputDto"][];
            /**
             * Format: date-time
             * @description default now
             */
            starts_at?: string | null;
        };
        CurrentKeyDto: {
            /** Format: uuid */
            id: string;
            /** @example console-read */
            name: string;
            /**
             * @description the non-secret start of the key
             * @example nops_AbCdEfGh
             */
            prefix: string;
            /**
             * @description ingest: write runs only; read: every GET; admin: everything
             * @enum {string}
             */
            role: "ingest" | "read" | "admin";
        };
        DependencyStatusDto: {
            /** @description why it is not up */
            detail?: string;
            /** @description only a required dependency (the database) changes the status code */
            required: boolean;
            /** @enum {string} */
            status: "up" | "down" | "disabled" | "degraded";
        } & {
            [key: string]: unknown;
        };
        DetectorDto: {
            /** @description the detector of new probes that name none */
            default: boolean;
            /** @description its parameters when a probe gives none (detector_params overrides each) */
            default_params: {
                [key: string]: unknown;
            };
            /**
             * Format: double
             * @description its threshold at sensitivity medium
             */
            default_threshold: number;
            description: string;
            /** @example vigil */
            name: string;
            /** @description low, medium and high: what a probe’s `sensitivity` sets the threshold to, and how often each alerted on healthy series */
            sensitivities: components["schemas"]["SensitivityLevelDto"][];
            /**
             * @description unit of its scores and thresholds
             * @example decades
             */
            unit: string;
        };
        DetectorListDto: {
            items: components["schemas"]["DetectorDto"][];
        };
        DurationStatsDto: {
            /** @example 9050 */
            max: number | null;
            /**
             * @description nearest-rank median of non-null durations
             * @example 1480
             */
            p50: number | null;
            /**
             * @description nearest-rank 95th percentile
             * @example 4210
             */
            p95: number | null;
        };
        EmbeddingRetryDto: {
            /** @description true when this call queued the run again; false when it was queued or embedded already */
            requeued: boolean;
            /** Format: uuid */
            run_id: string;
            /**
             * @description the run's embedding state after the call (purge: its vector is being removed)
             * @example pending
             * @enum {string}
             */
            state: "pending" | "done" | "failed" | "purge";
        };
        EmbeddingsRetryDto: {
            /**
             * @description failed runs queued again
             * @example 3
             */
            requeued: number;
        };
        /**
         * @description The error body of every failed request.
         * @example {
         *       "error": {
         *         "code": "VALIDATION_FAILED",
         *         "message": "invalid request: status",
         *         "details": [
         *           {
         *             "field": "status",
         *             "message": "status must be one of the following values: running, completed, failed, cancelled"
         *           }
         *         ]
         *       },
         *       "request_id": "0b6f0c8e-2f9a-4d55-9c4e-5d1a0c1e7f21"
         *     }
         */
        ErrorResponse: {
            error: {
                /**
                 * @description stable and machine-readable
                 * @example VALIDATION_FAILED
                 */
                code: string;
                /** @description for VALIDATION_FAILED the list of `{ field, message }`; otherwise any JSON */
                details?: unknown;
                /** @example invalid request: status */
                message: string;
            };
            /**
             * @description the X-Request-Id of the request, for the logs
             * @example 0b6f0c8e-2f9a-4d55-9c4e-5d1a0c1e7f21
             */
            request_id: string;
        };
        FailingNodeDto: {
            /** @example 1012 */
            executions: number;
            /** @example 0.0435 */
            failure_ratio: number;
            /**
             * @description executions whose node log has status `failed` or `error`, or an error text
             * @example 44
             */
            failures: number;
            /** @example ocr */
            node: string;
            /**
             * @description in the window before; null when the node did not run then
             * @example 0.004
             */
            previous_failure_ratio: number | null;
            /** @description its commonest error texts in the window, at most 3, most frequent first */
            top_errors: components["schemas"]["NodeErrorDto"][];
        };
        FailureClusterDto: {
            /**
             * Format: date-time
             * @description when its first run happened
             * @example 2026-01-15T10:00:00.000Z
             */
            first_seen: string;
            /**
             * Format: date-time
             * @description when its latest run happened
             * @example 2026-01-15T10:00:00.000Z
             */
            last_seen: string;
            /**
             * @description the error of the run nearest the cluster's centre
             * @example TimeoutError: OCR service did not answer within 30000 ms
             */
            representative_error: string | null;
            /** @description ids of its latest runs (GET /runs/:id), newest first, at most 5 */
            run_ids: string[];
            /** @example 57 */
            size: number;
        };
        FailureClusteringDto: {
            /**
             * @description of them, runs with an embedding under the current model
             * @example 996
             */
            embedded: number;
            /**
             * @description the window's latest failed runs considered (at most 1,000)
             * @example 1000
             */
            failed_runs: number;
            /**
             * @description why failure_clusters is null: similar-run search is off, the vector store did not answer, or most of the failed runs are not embedded yet
             * @example null
             */
            reason: string | null;
        };
        HealthDto: {
            /**
             * @description one entry per dependency: database, and the optional ones (prometheus, embedder, vector_store, …)
             * @example {
             *       "database": {
             *         "status": "up",
             *         "required": true,
             *         "driver": "sqlite",
             *         "latency_ms": 0.4
             *       }
             *     }
             */
            checks: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
            /** @enum {string} */
            status: "ok" | "unavailable";
        };
        KeyRefDto: {
            /**
             * Format: uuid
             * @description the API key's id
             */
            key_id: string;
            /**
             * @description the API key's name
             * @example oncall
             */
            name: string;
        };
        LevelMeasurementDto: {
            /** @description alerts they raised after warm-up, counted as a probe opens signals */
            alerts: number;
            /**
             * Format: double
             * @description alerts per series per 30 days of 5-minute points (8,640 points)
             * @example 0
             */
            false_alarms_per_30_days: number;
            /**
             * Format: double
             * @description the upper end of that rate’s one-sided 95 % confidence interval: what the measurement rules out, even where it saw no alert
             * @example 0.004
             */
            false_alarms_per_30_days_upper_95: number;
            /** @description incidents injected into the same kinds of series (spikes, level shifts, outages…); null where not measured at this level */
            incidents: number | null;
            /** @description of them, caught as one alert within 12 points of their start */
            incidents_caught: number | null;
            points: number;
            /** @description healthy synthetic series streamed (12 kinds: noise, daily and weekly cycles, counts, latencies, trends, gaps…) */
            series: number;
        };
        LinkedRunDto: {
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            duration_ms: number | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            ended_at: string | null;
            error: string | null;
            /** Format: uuid */
            id: string;
            /** @example run-2026-01-15-0001 */
            run_id: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            started_at: string | null;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "cancelled";
            /** @example invoice-agent */
            wpk_id: string;
        };
        MetricBucketDto: {
            /**
             * Format: date-time
             * @description the bucket's start
             * @example 2026-01-15T10:00:00.000Z
             */
            at: string;
            completed: number;
            /** @description USD of its priced runs; null when none is priced */
            cost_usd: number | null;
            /** @description nearest-rank median duration; null without durations */
            duration_p50_ms: number | null;
            /** @description nearest-rank 95th percentile duration */
            duration_p95_ms: number | null;
            failed: number;
            /** @description failed / runs no longer running; null when none finished */
            failure_ratio: number | null;
            running: number;
            /** @description runs that happened in the bucket (started_at, or created_at when absent or over 5 min later) */
            runs: number;
            /** @description tokens of the bucket's runs that report usage */
            total_tokens: number;
        };
        NodeErrorDto: {
            /** @example 31 */
            count: number;
            /**
             * @description the error text (first 500 characters); null for failures logged without one
             * @example RateLimitError: 429 Too Many Requests
             */
            error: string | null;
        };
        /** @description One node of the run; keys other than these are stored as given. */
        NodeLogDto: {
            /** @example enrich:4f2c */
            checkpoint_ns?: string | null;
            /** @example 360 */
            duration_ms?: number | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.480Z
             */
            ended_at?: string | null;
            /** @example null */
            error?: string | null;
            /** @description any JSON value */
            inputs?: unknown;
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description the models called, distinct
             * @example [
             *       "gpt-4o-mini"
             *     ]
             */
            models?: string[] | null;
            /**
             * @description the graph node that ran
             * @example parse
             */
            node: string;
            /** @description any JSON value */
            outputs?: unknown;
            /**
             * @description enclosing subgraph nodes
             * @example [
             *       "enrich"
             *     ]
             */
            path?: string[] | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.120Z
             */
            started_at?: string | null;
            /** @example completed */
            status?: string | null;
            /** @example 2 */
            step?: number | null;
            /** @example thread-42 */
            thread_id?: string | null;
            /**
             * @description the node's own model calls (not those of nodes inside it)
             * @example {
             *       "input_tokens": 1200,
             *       "output_tokens": 340,
             *       "total_tokens": 1540,
             *       "cost_usd": 0.000384
             *     }
             */
            usage?: {
                /** @description USD; priced by the server when absent or null */
                cost_usd?: number | null;
                input_tokens?: number | null;
                output_tokens?: number | null;
                /** @description input + output when not given */
                total_tokens?: number | null;
                /** @description models with tokens but no price, when the price table prices others */
                unpriced_models?: string[] | null;
            } | null;
        };
        NotifyRunDto: {
            /** @example 1520 */
            duration_ms?: number | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:01.520Z
             */
            ended_at?: string | null;
            /** @example null */
            error?: string | null;
            /**
             * @description any JSON value
             * @example {
             *       "total": 1280.5,
             *       "currency": "EUR"
             *     }
             */
            outputs?: unknown;
            /** @example run-2026-01-15-0001 */
            run_id: string;
            /**
             * @description required to create a run; optional when updating one (absent keeps the stored status)
             * @example completed
             * @enum {string}
             */
            status?: "running" | "completed" | "failed" | "cancelled";
        };
        PreviousNodeDurationsDto: {
            /** @example 980 */
            executions: number;
            /** @example 300 */
            p50_ms: number | null;
            /** @example 310 */
            p95_ms: number | null;
        };
        ProbeDetailDto: {
            /**
             * Format: double
             * @description the same as threshold: what the sensitivity or the number given set; feedback never changes it
             * @example 3.5
             */
            configured_threshold: number;
            consecutive_failures: number;
            cooldown_s: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** @example null */
            cron: string | null;
            /** @example robust */
            detector: string;
            detector_params: {
                [key: string]: unknown;
            };
            /**
             * Format: double
             * @description the threshold scores are judged against now, in the detector's unit (applied after scoring): the configured one raised ×1.25 per tuning step
             */
            effective_threshold: number;
            enabled: boolean;
            /** Format: uuid */
            id: string;
            /** @example 60 */
            interval_s: number | null;
            /**
             * @example {
             *       "team": "payments"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            last_error: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            last_run_at: string | null;
            /** @example 1h */
            lookback: string;
            min_consecutive: number;
            /** @example invoice-agent-p95 */
            name: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            next_run_at: string | null;
            /** @example runs_duration_p95_ms */
            query: string;
            /** @description the latest runs, newest first */
            recent_runs: components["schemas"]["ProbeRunDto"][];
            /**
             * @description the level the threshold comes from; null when a numeric threshold was given
             * @enum {string|null}
             */
            sensitivity: "low" | "medium" | "high" | null;
            /** @description every series the probe follows, by metric and labels */
            series: components["schemas"]["ProbeSeriesDto"][];
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            /** @enum {string} */
            source: "prometheus" | "runs";
            /** @example 1m */
            step: string;
            /**
             * Format: double
             * @description configured alert threshold, in the detector's unit
             * @example 3.5
             */
            threshold: number;
            /** @description changes of the effective threshold, oldest first (the latest 50) */
            tuning: components["schemas"]["TuningEntryDto"][];
            /** @description steps of ×1.25 that noise labels raised the threshold by (a useful label, or 30 days without noise, takes one back) */
            tuning_steps: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            updated_at: string;
            wpk_id: string | null;
        };
        ProbeDto: {
            /**
             * Format: double
             * @description the same as threshold: what the sensitivity or the number given set; feedback never changes it
             * @example 3.5
             */
            configured_threshold: number;
            consecutive_failures: number;
            cooldown_s: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** @example null */
            cron: string | null;
            /** @example robust */
            detector: string;
            detector_params: {
                [key: string]: unknown;
            };
            /**
             * Format: double
             * @description the threshold scores are judged against now, in the detector's unit (applied after scoring): the configured one raised ×1.25 per tuning step
             */
            effective_threshold: number;
            enabled: boolean;
            /** Format: uuid */
            id: string;
            /** @example 60 */
            interval_s: number | null;
            /**
             * @example {
             *       "team": "payments"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            last_error: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            last_run_at: string | null;
            /** @example 1h */
            lookback: string;
            min_consecutive: number;
            /** @example invoice-agent-p95 */
            name: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            next_run_at: string | null;
            /** @example runs_duration_p95_ms */
            query: string;
            /**
             * @description the level the threshold comes from; null when a numeric threshold was given
             * @enum {string|null}
             */
            sensitivity: "low" | "medium" | "high" | null;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            /** @enum {string} */
            source: "prometheus" | "runs";
            /** @example 1m */
            step: string;
            /**
             * Format: double
             * @description configured alert threshold, in the detector's unit
             * @example 3.5
             */
            threshold: number;
            /** @description changes of the effective threshold, oldest first (the latest 50) */
            tuning: components["schemas"]["TuningEntryDto"][];
            /** @description steps of ×1.25 that noise labels raised the threshold by (a useful label, or 30 days without noise, takes one back) */
            tuning_steps: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            updated_at: string;
            wpk_id: string | null;
        };
        ProbeListDto: {
            items: components["schemas"]["ProbeDto"][];
        };
        ProbeRunDto: {
            error: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            finished_at: string;
            /** Format: uuid */
            id: string;
            points_scored: number;
            /** @description signals opened, updated or resolved */
            signals: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            started_at: string;
        };
        ProbeSeriesDto: {
            labels: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description the last point scored
             */
            last_at: string;
            /**
             * Format: double
             * @description its score, in the detector's unit
             */
            last_score: number;
            /** Format: double */
            last_value: number;
            /** @example http_request_duration_seconds */
            metric: string;
            /** @example instance="a" */
            series: string;
            /**
             * Format: date-time
             * @description when the detector is (or was) first allowed to alert on this series; later than last_at while it is still warming up
             */
            warming_up_until: string | null;
        };
        RegisterWorkflowDto: {
            /**
             * @description null clears
             * @example Extracts totals from supplier invoices
             */
            description?: string | null;
            /**
             * @description the wpk_id its runs carry
             * @example invoice-agent
             */
            id: string;
            /**
             * @description null clears
             * @example {
             *       "repo": "git@example.com:finance/invoice-agent.git"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description defaults to the id; cannot be cleared
             * @example Invoice agent
             */
            name?: string;
            /**
             * @description null clears
             * @example team-finance
             */
            owner?: string | null;
            /**
             * @description null clears
             * @example [
             *       "prod",
             *       "finance"
             *     ]
             */
            tags?: string[] | null;
            /**
             * @description null clears
             * @example 1.4.0
             */
            version?: string | null;
        };
        RegressionDto: {
            /**
             * @description in the window before
             * @example 310
             */
            from: number;
            /**
             * @example duration
             * @enum {string}
             */
            kind: "duration" | "failure_ratio";
            /** @example node `enrich` p95 rose from 310 ms to 1.2 s since 2026-12-01 */
            message: string;
            /**
             * @description the figure `from` and `to` are
             * @example p95_ms
             * @enum {string}
             */
            metric: "p50_ms" | "p95_ms" | "failure_ratio";
            /** @example enrich */
            node: string;
            /**
             * @description two-sided p-value of Mann-Whitney U (duration) or the two-proportion z-test (failure ratio)
             * @example 0.00001
             */
            p_value: number;
            /** @description executions compared (timed ones for duration) */
            samples: components["schemas"]["RegressionSamplesDto"];
            /**
             * Format: date-time
             * @description the window's start
             * @example 2026-01-15T10:00:00.000Z
             */
            since: string;
            /**
             * @description in the window
             * @example 1200
             */
            to: number;
            /**
             * @description the test's standard normal statistic (positive: the window is worse)
             * @example 6.2
             */
            z: number;
        };
        RegressionSamplesDto: {
            /** @example 1012 */
            current: number;
            /** @example 980 */
            previous: number;
        };
        RunDto: {
            /**
             * Format: date-time
             * @description when the run was first recorded
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** @example 1520 */
            duration_ms: number | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:01.520Z
             */
            ended_at: string | null;
            /** @example null */
            error: string | null;
            /** Format: uuid */
            id: string;
            /** @description any JSON value */
            inputs: unknown;
            metadata: {
                [key: string]: unknown;
            } | null;
            /**
             * @description the models the run called, distinct and sorted
             * @example [
             *       "gpt-4o-mini"
             *     ]
             */
            models: string[] | null;
            /** @description null when the run was recorded without node logs */
            node_logs: components["schemas"]["NodeLogDto"][] | null;
            /** @description any JSON value */
            outputs: unknown;
            /** @example run-2026-01-15-0001 */
            run_id: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            started_at: string | null;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "cancelled";
            /**
             * @example [
             *       "prod"
             *     ]
             */
            tags: string[] | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:01.600Z
             */
            updated_at: string;
            /**
             * @description tokens and cost over the run's model calls; null when none was reported
             * @example {
             *       "input_tokens": 1200,
             *       "output_tokens": 340,
             *       "total_tokens": 1540,
             *       "cost_usd": 0.000384
             *     }
             */
            usage: {
                /** @description USD; priced by the server when absent or null */
                cost_usd?: number | null;
                input_tokens?: number | null;
                output_tokens?: number | null;
                /** @description input + output when not given */
                total_tokens?: number | null;
                /** @description models with tokens but no price, when the price table prices others */
                unpriced_models?: string[] | null;
            } | null;
            /** @example invoice-agent */
            wpk_id: string;
        };
        RunListItemDto: {
            /**
             * Format: date-time
             * @description when the run was first recorded
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** @example 1520 */
            duration_ms: number | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:01.520Z
             */
            ended_at: string | null;
            /** @example null */
            error: string | null;
            /** Format: uuid */
            id: string;
            metadata: {
                [key: string]: unknown;
            } | null;
            /**
             * @description the models the run called, distinct and sorted
             * @example [
             *       "gpt-4o-mini"
             *     ]
             */
            models: string[] | null;
            /** @example run-2026-01-15-0001 */
            run_id: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            started_at: string | null;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "cancelled";
            /**
             * @example [
             *       "prod"
             *     ]
             */
            tags: string[] | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:01.600Z
             */
            updated_at: string;
            /**
             * @description tokens and cost over the run's model calls; null when none was reported
             * @example {
             *       "input_tokens": 1200,
             *       "output_tokens": 340,
             *       "total_tokens": 1540,
             *       "cost_usd": 0.000384
             *     }
             */
            usage: {
                /** @description USD; priced by the server when absent or null */
                cost_usd?: number | null;
                input_tokens?: number | null;
                output_tokens?: number | null;
                /** @description input + output when not given */
                total_tokens?: number | null;
                /** @description models with tokens but no price, when the price table prices others */
                unpriced_models?: string[] | null;
            } | null;
            /** @example invoice-agent */
            wpk_id: string;
        };
        RunNowResultDto: {
            probe: components["schemas"]["ProbeDto"];
            run: components["schemas"]["ProbeRunDto"];
        };
        RunPageDto: {
            items: components["schemas"]["RunListItemDto"][];
            /** @example 20 */
            limit: number;
            /** @description pass as `cursor` for the next page; null on the last page */
            next_cursor: string | null;
            /** @description only with `page` */
            page?: number;
            /** @description only with `page`: runs matching the filters, exact up to 10,000; past that an estimate (`total_estimated`) */
            total?: number;
            /** @description only with `page`: true when more than 10,000 runs match and `total` is an estimate (PostgreSQL: the planner's estimate; SQLite: 10,001, a lower bound) */
            total_estimated?: boolean;
        };
        RunRefDto: {
            /** Format: uuid */
            id: string;
            /** @example run-2026-01-15-0001 */
            run_id: string;
            /**
             * @description the stored status after the write
             * @enum {string}
             */
            status: "running" | "completed" | "failed" | "cancelled";
            /** @example invoice-agent */
            wpk_id: string;
        };
        SearchRunsDto: {
            /**
             * @description runs at most
             * @default 10
             */
            k?: number | null;
            /** @example parse node timeout after upstream 503 */
            query: string;
            /**
             * Format: date-time
             * @description only runs created at or after
             * @example 2026-01-15T00:00:00Z
             */
            since?: string | null;
            /**
             * @description only runs with this status
             * @enum {string|null}
             */
            status?: "running" | "completed" | "failed" | "cancelled" | null;
            /**
             * @description only runs of this workflow
             * @example invoice-agent
             */
            wpk_id?: string | null;
        };
        SensitivityLevelDto: {
            /** @enum {string} */
            level: "low" | "medium" | "high";
            /** @description what `npm run bench:nab` measured at this threshold; null if never measured at it */
            measured: components["schemas"]["LevelMeasurementDto"] | null;
            /**
             * Format: double
             * @description the alert threshold it stands for, in the detector's unit
             * @example 6
             */
            threshold: number;
        };
        SeriesEpisodeDto: {
            /**
             * Format: date-time
             * @description resolved_at; null while firing
             * @example 2026-01-15T10:00:00.000Z
             */
            end: string | null;
            /**
             * Format: date-time
             * @description peak_at; null when unknown
             * @example 2026-01-15T10:00:00.000Z
             */
            peak: string | null;
            /**
             * Format: date-time
             * @description observed_at: the first anomalous sample
             * @example 2026-01-15T10:00:00.000Z
             */
            start: string;
        };
        SeriesResultDto: {
            anomalies: components["schemas"]["AnomalyDto"][];
            labels: {
                [key: string]: string;
            };
            /** @description the last scored point; null when none was scored */
            latest?: {
                /** Format: date-time */
                at: string;
                score: number;
                value: number;
            } | null;
            metric: string;
            points: number;
            /** @description with samples: true, every point scored, oldest first; score null during warm-up */
            samples?: components["schemas"]["SeriesSampleDto"][];
            /** @description points scored after warm-up */
            scored: number;
            series: string;
            /**
             * Format: date-time
             * @description when the detector is (or was) first allowed to alert on this series; after the last point while it is still warming up
             */
            warming_up_until: string | null;
        };
        SeriesSampleDto: {
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            at: string;
            /** @description the detector's score; null while it warms up */
            score: number | null;
            value: number;
        };
        SignalDeliveryDto: {
            /** @description attempts so far */
            attempts: number;
            /** @enum {string} */
            channel: "alertmanager" | "webhook";
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            delivered_at: string | null;
            /**
             * @description the state change delivered, or the acknowledgement
             * @enum {string}
             */
            event: "firing" | "resolved" | "acknowledged";
            /** @description why the last attempt failed */
            last_error: string | null;
            /**
             * Format: date-time
             * @description when it is tried next; null once delivered
             * @example 2026-01-15T10:00:00.000Z
             */
            next_attempt_at: string | null;
            /**
             * @description pending: not tried yet; retrying: failed, to be tried again; delivered; silenced: held back by a silence or snooze
             * @enum {string}
             */
            state: "pending" | "retrying" | "delivered" | "silenced";
        };
        SignalDetailDto: {
            /** @description the note given with the acknowledgement */
            ack_note: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            acknowledged_at: string | null;
            /** @description the key that acknowledged it */
            acknowledged_by: {
                /**
                 * Format: uuid
                 * @description the API key's id
                 */
                key_id: string;
                /** @description the API key's name */
                name: string;
            } | null;
            /**
             * @description the labels it is sent to Alertmanager with and that silences match: series labels, then probe labels, then alertname, probe, probe_id, severity, wpk_id
             * @example {
             *       "alertname": "invoice-agent-p95",
             *       "probe": "invoice-agent-p95",
             *       "severity": "warning",
             *       "wpk_id": "invoice-agent"
             *     }
             */
            alert_labels: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** @description one per state change and channel (Alertmanager, webhook), oldest first; delivered ones are pruned after a while */
            deliveries: components["schemas"]["SignalDeliveryDto"][];
            /** @example robust */
            detector: string;
            /** @description useful / noise labels, one per key, oldest first */
            feedback: components["schemas"]["SignalFeedbackDto"][];
            /**
             * @description What happened in words; detectors that can tell (vigil) add what kind of change the episode's peak was and what it was measured against.
             * @example p95 duration of workflow invoice-agent rose to 8.2 s, 9.4 decades above its 1 h baseline of 1.2 s; level shift: the last 8 points above the recent level
             */
            hint: string;
            /** Format: uuid */
            id: string;
            /**
             * @example {
             *       "wpk_id": "invoice-agent"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            last_anomalous_at: string;
            /** @example runs_duration_p95_ms */
            metric: string;
            /**
             * Format: date-time
             * @description the episode's first anomalous sample
             * @example 2026-01-15T10:00:00.000Z
             */
            observed_at: string;
            /**
             * Format: date-time
             * @description when the peak was; null on signals stored before peak times were kept, unless known
             * @example 2026-01-15T10:00:00.000Z
             */
            peak_at: string | null;
            /**
             * Format: uuid
             * @description null for POST /probe
             */
            probe_id: string | null;
            /** @description the probe's routing labels when the episode opened */
            probe_labels: {
                [key: string]: string;
            };
            /**
             * @description the probe's name (kept after it is deleted); null for POST /probe
             * @example invoice-agent-p95
             */
            probe_name: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            resolved_at: string | null;
            /**
             * @description the episode's peak score, in the detector's unit
             * @example 4.1
             */
            score: number;
            /** @example wpk_id="invoice-agent" */
            series: string;
            /**
             * @description the probe's severity when the episode opened
             * @enum {string}
             */
            severity: "info" | "warning" | "critical";
            /**
             * Format: uuid
             * @description the silence holding back its webhook deliveries now
             */
            silenced_by: string | null;
            /**
             * Format: date-time
             * @description snoozed (no webhook deliveries, silenced in Alertmanager) until then
             * @example 2026-01-15T10:00:00.000Z
             */
            snoozed_until: string | null;
            /** @enum {string} */
            state: "firing" | "resolved";
            /** @example 60 */
            step_s: number;
            /** @example 3.5 */
            threshold: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            updated_at: string;
            /**
             * @description the episode's peak value
             * @example 8200
             */
            value: number;
            /**
             * @description the workflow it is about: the probe's wpk_id, else the series' wpk_id label; null when neither
             * @example invoice-agent
             */
            wpk_id: string | null;
        };
        SignalDto: {
            /** @description the note given with the acknowledgement */
            ack_note: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            acknowledged_at: string | null;
            /** @description the key that acknowledged it */
            acknowledged_by: {
                /**
                 * Format: uuid
                 * @description the API key's id
                 */
                key_id: string;
                /** @description the API key's name */
                name: string;
            } | null;
            /**
             * @description the labels it is sent to Alertmanager with and that silences match: series labels, then probe labels, then alertname, probe, probe_id, severity, wpk_id
             * @example {
             *       "alertname": "invoice-agent-p95",
             *       "probe": "invoice-agent-p95",
             *       "severity": "warning",
             *       "wpk_id": "invoice-agent"
             *     }
             */
            alert_labels: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            /** @example robust */
            detector: string;
            /** @description useful / noise labels, one per key, oldest first */
            feedback: components["schemas"]["SignalFeedbackDto"][];
            /**
             * @description What happened in words; detectors that can tell (vigil) add what kind of change the episode's peak was and what it was measured against.
             * @example p95 duration of workflow invoice-agent rose to 8.2 s, 9.4 decades above its 1 h baseline of 1.2 s; level shift: the last 8 points above the recent level
             */
            hint: string;
            /** Format: uuid */
            id: string;
            /**
             * @example {
             *       "wpk_id": "invoice-agent"
             *     }
             */
            labels: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            last_anomalous_at: string;
            /** @example runs_duration_p95_ms */
            metric: string;
            /**
             * Format: date-time
             * @description the episode's first anomalous sample
             * @example 2026-01-15T10:00:00.000Z
             */
            observed_at: string;
            /**
             * Format: date-time
             * @description when the peak was; null on signals stored before peak times were kept, unless known
             * @example 2026-01-15T10:00:00.000Z
             */
            peak_at: string | null;
            /**
             * Format: uuid
             * @description null for POST /probe
             */
            probe_id: string | null;
            /** @description the probe's routing labels when the episode opened */
            probe_labels: {
                [key: string]: string;
            };
            /**
             * @description the probe's name (kept after it is deleted); null for POST /probe
             * @example invoice-agent-p95
             */
            probe_name: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            resolved_at: string | null;
            /**
             * @description the episode's peak score, in the detector's unit
             * @example 4.1
             */
            score: number;
            /** @example wpk_id="invoice-agent" */
            series: string;
            /**
             * @description the probe's severity when the episode opened
             * @enum {string}
             */
            severity: "info" | "warning" | "critical";
            /**
             * Format: uuid
             * @description the silence holding back its webhook deliveries now
             */
            silenced_by: string | null;
            /**
             * Format: date-time
             * @description snoozed (no webhook deliveries, silenced in Alertmanager) until then
             * @example 2026-01-15T10:00:00.000Z
             */
            snoozed_until: string | null;
            /** @enum {string} */
            state: "firing" | "resolved";
            /** @example 60 */
            step_s: number;
            /** @example 3.5 */
            threshold: number;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            updated_at: string;
            /**
             * @description the episode's peak value
             * @example 8200
             */
            value: number;
            /**
             * @description the workflow it is about: the probe's wpk_id, else the series' wpk_id label; null when neither
             * @example invoice-agent
             */
            wpk_id: string | null;
        };
        SignalFeedbackBodyDto: {
            /**
             * @description noise raises the probe's effective threshold a step (×1.25, at most two); useful takes one back
             * @enum {string}
             */
            label: "useful" | "noise";
            note?: string | null;
        };
        SignalFeedbackDto: {
            /**
             * Format: date-time
             * @description when it was given (or last replaced)
             * @example 2026-01-15T10:00:00.000Z
             */
            at: string;
            /** @description the key that gave it (one label per key: a later one replaces it) */
            by: components["schemas"]["KeyRefDto"];
            /** @enum {string} */
            label: "useful" | "noise";
            note: string | null;
        };
        SignalPageDto: {
            items: components["schemas"]["SignalDto"][];
            /** @example 50 */
            limit: number;
            /** @description pass as `cursor` for the next page; null on the last page */
            next_cursor: string | null;
        };
        SignalRunsDto: {
            items: components["schemas"]["LinkedRunDto"][];
            limit: number;
            /** @description true when the window starts before the run-retention cutoff (RUN_RETENTION_DAYS): runs of it may have been deleted */
            runs_may_be_purged: boolean;
            /** Format: uuid */
            signal_id: string;
            /**
             * Format: date-time
             * @description the window the runs were taken from: observed_at − step …
             * @example 2026-01-15T10:00:00.000Z
             */
            since: string;
            /**
             * Format: date-time
             * @description … to resolved_at, or now
             * @example 2026-01-15T10:00:00.000Z
             */
            until: string;
            /** @description the workflow the runs belong to; null means all */
            wpk_id: string | null;
        };
        SignalSeriesDto: {
            /** @example robust */
            detector: string;
            /** @description the stored episode */
            episode: components["schemas"]["SeriesEpisodeDto"];
            /**
             * Format: date-time
             * @description the first sample's time: the episode start less a margin of max(20 steps, half the episode)
             * @example 2026-01-15T10:00:00.000Z
             */
            from: string;
            /** @example runs_duration_p95_ms */
            metric: string;
            /**
             * @description always true: fetched again and scored from scratch with the probe's current spec, so scores may differ from the stored episode
             * @enum {boolean}
             */
            rescored: true;
            /** @description oldest first */
            samples: components["schemas"]["SeriesSampleDto"][];
            /** @example wpk_id="invoice-agent" */
            series: string;
            /**
             * @description the step of the samples (the probe's, widened when the window needed it)
             * @example 60s
             */
            step: string;
            /** @description the probe's current threshold, in the score's unit */
            threshold: number;
            /**
             * Format: date-time
             * @description the last sample's time: the episode end (or now) plus the margin, at most now
             * @example 2026-01-15T10:00:00.000Z
             */
            to: string;
            /**
             * @description the score's unit
             * @example sigma
             */
            unit: string;
        };
        SilenceDto: {
            /** @description its copy in Alertmanager; null without ALERTMANAGER_URL */
            alertmanager: {
                /** @description why the last attempt failed */
                last_error: string | null;
                /**
                 * Format: date-time
                 * @description when it is tried next; null when in step
                 */
                next_attempt_at: string | null;
                /** @description Alertmanager's id of the copy */
                silence_id: string | null;
                /**
                 * @description in_step: Alertmanager has it as it is here; pending: to be written; retrying: the last attempt failed
                 * @enum {string}
                 */
                state: "in_step" | "pending" | "retrying";
            } | null;
            comment: string;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            created_by: components["schemas"]["KeyRefDto"];
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            ends_at: string;
            /** Format: uuid */
            id: string;
            matchers: components["schemas"]["SilenceMatcherDto"][];
            /**
             * Format: uuid
             * @description the signal a snooze was made for; null for a silence made with POST /silences
             */
            signal_id: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            starts_at: string;
            /**
             * @description pending before starts_at, active until ends_at, then expired (listed 7 days)
             * @enum {string}
             */
            state: "pending" | "active" | "expired";
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            updated_at: string;
        };
        SilenceListDto: {
            /** @description latest end first */
            items: components["schemas"]["SilenceDto"][];
        };
        SilenceMatcherDto: {
            is_equal: boolean;
            is_regex: boolean;
            name: string;
            value: string;
        };
        SilenceMatcherInputDto: {
            /**
             * @description false: the label must not match (Alertmanager’s != and !~)
             * @default true
             */
            is_equal?: boolean | null;
            /** @default false */
            is_regex?: boolean | null;
            /**
             * @description a label a signal is sent with: probe, probe_id, severity, wpk_id, alertname, a probe label or a series label
             * @example probe
             */
            name: string;
            /**
             * @description the value, or with is_regex a regular expression (RE2, fully anchored as in Alertmanager)
             * @example invoice-agent-p95
             */
            value: string;
        };
        SimilarRunDto: {
            run: components["schemas"]["SimilarRunSummaryDto"];
            /**
             * @description cosine similarity, 1 = same document
             * @example 0.93
             */
            score: number;
        };
        SimilarRunsDto: {
            items: components["schemas"]["SimilarRunDto"][];
        };
        SimilarRunSummaryDto: {
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            created_at: string;
            error: string | null;
            /** Format: uuid */
            id: string;
            /** @example run-2026-01-15-0001 */
            run_id: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "cancelled";
            /** @example invoice-agent */
            wpk_id: string;
        };
        SlowNodeDto: {
            /**
             * @description the node's executions in the window (a node run twice in one run counts twice)
             * @example 1012
             */
            executions: number;
            /** @example enrich */
            node: string;
            /**
             * @description against the previous window, as a ratio minus one (0.25: a quarter more); null when either side has no figure
             * @example 0.4
             */
            p50_change: number | null;
            /**
             * @description nearest-rank median of its durations
             * @example 420
             */
            p50_ms: number | null;
            /**
             * @description against the previous window, as a ratio minus one (0.25: a quarter more); null when either side has no figure
             * @example 2.87
             */
            p95_change: number | null;
            /**
             * @description nearest-rank 95th percentile
             * @example 1200
             */
            p95_ms: number | null;
            /** @description the same node in the window before */
            previous: components["schemas"]["PreviousNodeDurationsDto"];
            /**
             * @description the node's time over the time of the window's runs (each run's duration_ms, runs with node logs); parallel nodes can add up past 1; null when no run reported a duration
             * @example 0.41
             */
            share_of_run_time: number | null;
        };
        SnoozeSignalDto: {
            /**
             * Format: date-time
             * @description no webhook deliveries until then (at most 90 days ahead), e.g. `2026-01-15T12:00:00Z`
             */
            until: string;
        };
        TuningEntryDto: {
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            at: string;
            /** @example noise label on signal 6f1c… by oncall */
            because: string;
            /**
             * Format: double
             * @description effective threshold before
             */
            from: number;
            /**
             * Format: double
             * @description effective threshold after
             */
            to: number;
        };
        UpdateProbeDto: {
            /**
             * @description seconds after a signal fires before the series can fire again
             * @example 300
             */
            cooldown_s?: number | null;
            /** @description cron expression (UTC); null goes back to interval_s */
            cron?: string | null;
            /**
             * @description the detector; the product default when absent
             * @example robust
             * @enum {string|null}
             */
            detector?: "zscore" | "ewma" | "robust" | "sentinel" | "vigil" | null;
            /**
             * @description the detector's parameters; its defaults when absent
             * @example {
             *       "window": 60
             *     }
             */
            detector_params?: {
                [key: string]: unknown;
            } | null;
            enabled?: boolean | null;
            /** @description seconds between runs; setting it clears cron */
            interval_s?: number | null;
            /**
             * @description routing labels sent with its signals (at most 20; Prometheus label names; values at most 200 characters); they win over series labels of the same name; alertname, probe, probe_id, severity, wpk_id are NeuralOps' own. Replaces the labels as a whole
             * @example {
             *       "team": "payments",
             *       "service": "invoice"
             *     }
             */
            labels?: {
                [key: string]: string;
            } | null;
            /**
             * @description how far back each run looks: a Prometheus duration, at least one step and at most 400d (default 1h)
             * @example 1h
             */
            lookback?: string | null;
            /**
             * @description anomalous points in a row before a signal fires
             * @example 1
             */
            min_consecutive?: number | null;
            name?: string;
            query?: string;
            /**
             * @description how readily the probe alerts, instead of a numeric threshold; medium (the default) is the detector’s default threshold. GET /detectors gives each level’s threshold and its measured false-alarm rate on healthy series. Not with threshold.
             * @default medium
             * @enum {string|null}
             */
            sensitivity?: "low" | "medium" | "high" | null;
            /**
             * @description sent as the `severity` label (default warning)
             * @default warning
             * @enum {string|null}
             */
            severity?: "info" | "warning" | "critical" | null;
            /**
             * @description default: prometheus when PROM_URL is set, else runs
             * @enum {string|null}
             */
            source?: "prometheus" | "runs" | null;
            /**
             * @description the resolution: a Prometheus duration of whole seconds (default 60s)
             * @example 60s
             */
            step?: string | null;
            /**
             * Format: double
             * @description alert threshold in the detector's unit, for experts; not with sensitivity (the sensitivity's threshold when absent)
             * @example 3.5
             */
            threshold?: number | null;
            /**
             * @description run-metric probes: one workflow (else one series per workflow)
             * @example invoice-agent
             */
            wpk_id?: string | null;
        };
        UpdateWorkflowDto: {
            /**
             * @description null clears
             * @example Extracts totals from supplier invoices
             */
            description?: string | null;
            /**
             * @description null clears
             * @example {
             *       "repo": "git@example.com:finance/invoice-agent.git"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description defaults to the id; cannot be cleared
             * @example Invoice agent
             */
            name?: string;
            /**
             * @description null clears
             * @example team-finance
             */
            owner?: string | null;
            /**
             * @description null clears
             * @example [
             *       "prod",
             *       "finance"
             *     ]
             */
            tags?: string[] | null;
            /**
             * @description null clears
             * @example 1.4.0
             */
            version?: string | null;
        };
        UsageStatsDto: {
            /**
             * @description USD over the priced runs; null when no run is priced
             * @example 0.0589
             */
            cost_usd: number | null;
            /**
             * @description summed over the runs that report usage
             * @example 184000
             */
            input_tokens: number;
            /** @example 52300 */
            output_tokens: number;
            /** @example 236300 */
            total_tokens: number;
        };
        WorkflowDto: {
            /**
             * Format: date-time
             * @description set when archived (DELETE); archived workflows still record runs
             * @example null
             */
            archived_at: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T09:00:00.000Z
             */
            created_at: string;
            /** @example Extracts totals from supplier invoices */
            description: string | null;
            /** @example invoice-agent */
            id: string;
            /** @example 1520 */
            last_duration_ms: number | null;
            /** @example null */
            last_error: string | null;
            /**
             * Format: date-time
             * @description the latest run's started_at ?? created_at
             * @example 2026-01-15T10:00:00.000Z
             */
            last_run_at: string | null;
            /**
             * @description run_id of the latest run: greatest (started_at ?? created_at, run_id)
             * @example run-2026-01-15-0001
             */
            last_run_id: string | null;
            /**
             * @example completed
             * @enum {string|null}
             */
            last_status: "running" | "completed" | "failed" | "cancelled" | null;
            /**
             * @example {
             *       "repo": "git@example.com:finance/invoice-agent.git"
             *     }
             */
            metadata: {
                [key: string]: unknown;
            } | null;
            /** @example Invoice agent */
            name: string;
            /** @example team-finance */
            owner: string | null;
            /**
             * @description of them, runs whose status is failed
             * @example 3
             */
            runs_failed: number;
            /**
             * @description runs stored for this workflow
             * @example 42
             */
            runs_total: number;
            /** @description the last 24 h; only with include=stats_24h */
            stats_24h?: components["schemas"]["WorkflowStats24hDto"];
            /**
             * @example [
             *       "prod",
             *       "finance"
             *     ]
             */
            tags: string[];
            /**
             * Format: date-time
             * @description when the registration last changed; arriving runs move last_run_* instead
             * @example 2026-01-15T09:00:00.000Z
             */
            updated_at: string;
            /** @example 1.4.0 */
            version: string | null;
        };
        /** @description What a workflow's run history says about its nodes over a window, against the window of the same length before it */
        WorkflowInsightsDto: {
            /** @description nodes that failed in the window, most failures first, at most 50 */
            failing_nodes: components["schemas"]["FailingNodeDto"][];
            failure_clustering: components["schemas"]["FailureClusteringDto"];
            /** @description the window's latest failed runs grouped by embedding similarity, largest first; null when failure_clustering.reason says why */
            failure_clusters: components["schemas"]["FailureClusterDto"][] | null;
            /**
             * Format: date-time
             * @description the window is [from, to)
             * @example 2026-01-15T10:00:00.000Z
             */
            from: string;
            /**
             * Format: date-time
             * @description the window compared with is [previous_from, from)
             * @example 2026-01-15T10:00:00.000Z
             */
            previous_from: string;
            /** @description nodes that got slower or fail more than in the window before (p < 0.01, at least 30 samples a side), strongest evidence first */
            regressions: components["schemas"]["RegressionDto"][];
            /** @description nodes with durations, slowest p95 first, at most 50 */
            slowest_nodes: components["schemas"]["SlowNodeDto"][];
            /**
             * Format: date-time
             * @example 2026-01-15T10:00:00.000Z
             */
            to: string;
            /**
             * @example 7d
             * @enum {string}
             */
            window: "1h" | "24h" | "7d" | "30d";
            /** @example invoice-agent */
            workflow_id: string;
        };
        /** @description A workflow's runs bucketed by when they happened; every bucket of the range is listed, empty ones with zeros */
        WorkflowMetricsDto: {
            buckets: components["schemas"]["MetricBucketDto"][];
            /**
             * Format: date-time
             * @description the first bucket's start
             * @example 2026-01-15T10:00:00.000Z
             */
            from: string;
            /**
             * @description the bucket width used
             * @example 15m
             */
            step: string;
            /**
             * Format: date-time
             * @description the end of the range (exclusive); the last bucket may still be filling
             * @example 2026-01-15T10:00:00.000Z
             */
            to: string;
        };
        WorkflowPageDto: {
            items: components["schemas"]["WorkflowDto"][];
            /** @example 20 */
            limit: number;
            /** @description pass as `cursor` for the next page; null on the last page */
            next_cursor: string | null;
        };
        WorkflowStats24hDto: {
            /** @description nearest-rank 95th percentile duration; null without durations */
            duration_p95_ms: number | null;
            /** @description of them, failed */
            failed: number;
            /** @description runs per hour, oldest first: hour i covers [now − 24 h + i h, now − 23 h + i h) */
            hourly: number[];
            /** @description runs that happened in the last 24 h */
            runs: number;
        };
        /** @description Figures over the runs whose started_at ?? created_at is within the window */
        WorkflowStatsDto: {
            duration_ms: components["schemas"]["DurationStatsDto"];
            /**
             * @description of them, failed
             * @example 6
             */
            failures: number;
            /**
             * @description runs whose started_at ?? created_at is within the window
             * @example 120
             */
            runs: number;
            /**
             * @description completed / runs; null without runs
             * @example 0.9417
             */
            success_rate: number | null;
            /** @description tokens and cost of the window's runs */
            usage: components["schemas"]["UsageStatsDto"];
            /**
             * @example 24h
             * @enum {string}
             */
            window: "1h" | "24h" | "7d" | "30d";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `API_KEY_NOT_FOUND`: API_KEY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "API_KEY_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    currentKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentKeyDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    listDetectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetectorListDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    retryEmbeddings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmbeddingsRetryDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description the database does not answer (status unavailable); or `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"] | (components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SHUTTING_DOWN";
                        };
                    });
                };
            };
        };
    };
    logRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description `return=minimal` (RFC 7240): answer only `{ id, wpk_id, run_id, status }`, with `Preference-Applied: return=minimal`. Status codes are unchanged. */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRunDto"];
            };
        };
        responses: {
            /** @description the run existed; present fields replaced stored ones */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"] | components["schemas"]["RunRefDto"];
                };
            };
            /** @description the run was created: the stored run, or with Prefer: return=minimal its reference */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"] | components["schemas"]["RunRefDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: the workflow is not registered and REGISTRY_AUTO_REGISTER is off */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    probe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdhocProbeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdhocResultDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON; `PROBE_QUERY_INVALID`: the source refused the query (with its message) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "PROBE_QUERY_INVALID";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance); `PROBE_SOURCE_UNREACHABLE`: Prometheus did not answer */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN" | "PROBE_SOURCE_UNREACHABLE";
                        };
                    };
                };
            };
        };
    };
    listProbes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeListDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    createProbe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProbeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON; `PROBE_QUERY_INVALID`: the source refused the query (with its message) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "PROBE_QUERY_INVALID";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `CONFLICT`: the name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance); `PROBE_SOURCE_UNREACHABLE`: Prometheus did not answer */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN" | "PROBE_SOURCE_UNREACHABLE";
                        };
                    };
                };
            };
        };
    };
    getProbe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeDetailDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PROBE_NOT_FOUND`: PROBE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PROBE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    deleteProbe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PROBE_NOT_FOUND`: PROBE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PROBE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    updateProbe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProbeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON; `PROBE_QUERY_INVALID`: the source refused the new query (with its message) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "PROBE_QUERY_INVALID";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PROBE_NOT_FOUND`: PROBE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PROBE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `CONFLICT`: the new name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance); `PROBE_SOURCE_UNREACHABLE`: Prometheus did not answer */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN" | "PROBE_SOURCE_UNREACHABLE";
                        };
                    };
                };
            };
        };
    };
    runProbe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunNowResultDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PROBE_NOT_FOUND`: PROBE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PROBE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `CONFLICT`: a run of this probe is in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    resetProbeTuning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PROBE_NOT_FOUND`: PROBE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PROBE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    listRuns: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description items per page */
                limit?: number;
                /** @description runs that called this model (exactly as `models` lists it), e.g. `gpt-4o-mini` */
                model?: string;
                /** @description the seed's 1-based page (offset paging); answers page, total and total_estimated; not with `cursor`. Offset paging reaches run 10,000 at most (page × limit ≤ 10,000): a deeper page answers 400 naming `page`; page deeper with `cursor` (a page's `next_cursor`, also given in offset paging) */
                page?: number;
                /** @description the run with this run_id (within each workflow) */
                run_id?: string;
                /** @description created_at at or after, e.g. `2026-01-15T00:00:00Z` */
                since?: string;
                /** @description runs with this status */
                status?: "running" | "completed" | "failed" | "cancelled";
                /** @description runs carrying this tag, e.g. `prod` */
                tag?: string;
                /** @description created_at strictly before, e.g. `2026-01-16T00:00:00Z` */
                until?: string;
                /** @description runs of this workflow, e.g. `invoice-agent` */
                wpk_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    recordRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description `return=minimal` (RFC 7240): answer only `{ id, wpk_id, run_id, status }`, with `Preference-Applied: return=minimal`. Status codes are unchanged. */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRunDto"];
            };
        };
        responses: {
            /** @description the run existed; present fields replaced stored ones */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"] | components["schemas"]["RunRefDto"];
                };
            };
            /** @description the run was created: the stored run, or with Prefer: return=minimal its reference */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"] | components["schemas"]["RunRefDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: the workflow is not registered and REGISTRY_AUTO_REGISTER is off */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RUN_NOT_FOUND`: RUN_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RUN_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    retryRunEmbedding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmbeddingRetryDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RUN_NOT_FOUND`: RUN_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RUN_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    similarRuns: {
        parameters: {
            query?: {
                /** @description runs at most */
                k?: number;
                /** @description only runs created at or after, e.g. `2026-01-15T00:00:00Z` */
                since?: string;
                /** @description only runs with this status */
                status?: "running" | "completed" | "failed" | "cancelled";
                /** @description only runs of this workflow, e.g. `invoice-agent` */
                wpk_id?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimilarRunsDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RUN_NOT_FOUND`: RUN_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RUN_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `EMBEDDING_PENDING`: the run is not embedded yet; retry shortly; `EMBEDDING_FAILED`: embedding the run failed (details carry the last error) */
            409: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "EMBEDDING_PENDING" | "EMBEDDING_FAILED";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance); `EMBEDDER_UNAVAILABLE`: the embedding service cannot be reached; `VECTOR_STORE_UNAVAILABLE`: the vector store cannot be reached */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN" | "EMBEDDER_UNAVAILABLE" | "VECTOR_STORE_UNAVAILABLE";
                        };
                    };
                };
            };
        };
    };
    recordRuns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchRunsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResultDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    searchRuns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchRunsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimilarRunsDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance); `EMBEDDER_UNAVAILABLE`: the embedding service cannot be reached; `VECTOR_STORE_UNAVAILABLE`: the vector store cannot be reached */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN" | "EMBEDDER_UNAVAILABLE" | "VECTOR_STORE_UNAVAILABLE";
                        };
                    };
                };
            };
        };
    };
    listSignals: {
        parameters: {
            query?: {
                /** @description true: acknowledged signals; false: not acknowledged (true/false, 1/0) */
                acknowledged?: boolean;
                /** @description signals whose episode was still open at or after this (not resolved before it), e.g. `2026-01-15T00:00:00Z` */
                active_from?: string;
                /** @description signals whose episode had started by this; with active_from, those overlapping the window */
                active_to?: string;
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description signals someone labelled useful / noise; none: nobody labelled */
                feedback?: "useful" | "noise" | "none";
                /** @description items per page */
                limit?: number;
                /** @description signals of this metric, e.g. `runs_duration_p95_ms` */
                metric?: string;
                /** @description signals whose peak score is at least this, e.g. `3` */
                min_score?: number;
                /** @description signals of this probe */
                probe_id?: string;
                /** @description true: held back by a silence or snooze now; false: not (true/false, 1/0) */
                silenced?: boolean;
                /** @description observed_at at or after, e.g. `2026-01-15T00:00:00Z` */
                since?: string;
                /** @description signals in this state */
                state?: "firing" | "resolved";
                /** @description observed_at strictly before */
                until?: string;
                /** @description signals about this workflow, e.g. `invoice-agent` */
                wpk_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    getSignal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalDetailDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SIGNAL_NOT_FOUND`: SIGNAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SIGNAL_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    acknowledgeSignal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AckSignalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SIGNAL_NOT_FOUND`: SIGNAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SIGNAL_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    signalFeedback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignalFeedbackBodyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SIGNAL_NOT_FOUND`: SIGNAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SIGNAL_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    signalRuns: {
        parameters: {
            query?: {
                /** @description runs at most */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalRunsDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SIGNAL_NOT_FOUND`: SIGNAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SIGNAL_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    signalSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalSeriesDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `PROBE_QUERY_INVALID`: the source refused the probe's query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "PROBE_QUERY_INVALID";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SIGNAL_NOT_FOUND`: SIGNAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SIGNAL_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `SERIES_UNAVAILABLE`: the signal came from POST /probe or its probe was deleted, or the source no longer has the series */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SERIES_UNAVAILABLE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance); `PROBE_SOURCE_UNREACHABLE`: the source (Prometheus) did not answer */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN" | "PROBE_SOURCE_UNREACHABLE";
                        };
                    };
                };
            };
        };
    };
    snoozeSignal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SnoozeSignalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SIGNAL_NOT_FOUND`: SIGNAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SIGNAL_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `CONFLICT`: the signal is resolved */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    listSilences: {
        parameters: {
            query?: {
                /** @description only silences in this state */
                state?: "pending" | "active" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SilenceListDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    createSilence: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSilenceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SilenceDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    getSilence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SilenceDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SILENCE_NOT_FOUND`: SILENCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SILENCE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    expireSilence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description expired (or already expired) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `SILENCE_NOT_FOUND`: SILENCE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "SILENCE_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    exportTraces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    resourceSpans?: {
                        resource?: {
                            attributes?: {
                                key?: string;
                                value?: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                        scopeSpans?: {
                            scope?: {
                                [key: string]: unknown;
                            };
                            spans?: {
                                attributes?: {
                                    key?: string;
                                    value?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                                endTimeUnixNano?: string;
                                events?: {
                                    attributes?: {
                                        key?: string;
                                        value?: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    name?: string;
                                }[];
                                kind?: number;
                                name?: string;
                                parentSpanId?: string;
                                spanId?: string;
                                startTimeUnixNano?: string;
                                status?: {
                                    code?: number;
                                    message?: string;
                                };
                                traceId?: string;
                            }[];
                        }[];
                    }[];
                };
                "application/x-protobuf": string;
            };
        };
        responses: {
            /** @description taken: every span, or with partialSuccess the ones not rejected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        partialSuccess?: {
                            /** @description why: limits, unusable spans, a workflow not registered (REGISTRY_AUTO_REGISTER off); attributes dropped over a limit are named here too */
                            errorMessage?: string;
                            /** @description spans not stored */
                            rejectedSpans?: number;
                        };
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description the body does not decode as an ExportTraceServiceRequest */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description the key has the read role only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description the body, or the decompressed body, is over MAX_BATCH_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description neither application/x-protobuf nor application/json, or an unsupported Content-Encoding */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description too many exports at once or too many requests; retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
            /** @description the database is unavailable, or the server is starting or shutting down; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE */
                        code: number;
                        details?: {
                            [key: string]: unknown;
                        }[];
                        /** @example DATABASE_UNAVAILABLE: the database is unavailable; retry shortly */
                        message: string;
                    };
                    "application/x-protobuf": string;
                };
            };
        };
    };
    listWorkflows: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description `stats_24h` adds each workflow's runs, failures, p95 duration and hourly run counts over the last 24 h */
                include?: "stats_24h";
                /** @description true/false (1/0 too); archived workflows are left out by default */
                include_archived?: boolean;
                /** @description the status of the latest run */
                last_status?: "running" | "completed" | "failed" | "cancelled";
                /** @description items per page */
                limit?: number;
                /** @description workflows of this owner, e.g. `team-finance` */
                owner?: string;
                /** @description substring of the id or the name (ASCII letters case-insensitive), e.g. `invoice` */
                q?: string;
                /** @description workflows carrying this tag, e.g. `prod` */
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    registerWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterWorkflowDto"];
            };
        };
        responses: {
            /** @description it existed: present fields replaced, an archived one is restored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDto"];
                };
            };
            /** @description registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    getWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    archiveWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the archived workflow (archiving again changes nothing) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    updateWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWorkflowDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    getWorkflowInsights: {
        parameters: {
            query?: {
                /** @description the window the insights cover, ending now; each is compared with the window of the same length before it */
                window?: "1h" | "24h" | "7d" | "30d";
            };
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowInsightsDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    workflowMetrics: {
        parameters: {
            query?: {
                /** @description start of the range (default: a day before `to`), e.g. `2026-01-15T00:00:00Z`; aligned down to the step */
                from?: string;
                /** @description bucket width: a whole number of s, m, h or d; at most 2000 buckets. Default: the finest of 1m, 5m, 15m, 1h, 3h, 6h, 1d, 7d giving at most 200 */
                step?: string;
                /** @description end of the range, exclusive (default: now) */
                to?: string;
            };
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowMetricsDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    listWorkflowRuns: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description items per page */
                limit?: number;
                /** @description the seed's 1-based page (offset paging); answers page, total and total_estimated; not with `cursor`. Offset paging reaches run 10,000 at most (page × limit ≤ 10,000): a deeper page answers 400 naming `page`; page deeper with `cursor` (a page's `next_cursor`, also given in offset paging) */
                page?: number;
                /** @description created_at at or after, e.g. `2026-01-15T00:00:00Z` */
                since?: string;
                /** @description runs with this status */
                status?: "running" | "completed" | "failed" | "cancelled";
                /** @description runs carrying this tag, e.g. `prod` */
                tag?: string;
                /** @description created_at strictly before, e.g. `2026-01-16T00:00:00Z` */
                until?: string;
            };
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    latestWorkflowRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND; `RUN_NOT_FOUND`: the workflow has no run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND" | "RUN_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    notifyWorkflowRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description `return=minimal` (RFC 7240): answer only `{ id, wpk_id, run_id, status }`, with `Preference-Applied: return=minimal`. Status codes are unchanged. */
                Prefer?: string;
            };
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotifyRunDto"];
            };
        };
        responses: {
            /** @description the run existed; present fields replaced stored ones */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"] | components["schemas"]["RunRefDto"];
                };
            };
            /** @description the run was created: the stored run, or with Prefer: return=minimal its reference */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDto"] | components["schemas"]["RunRefDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one; `MALFORMED_JSON`: the body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED" | "MALFORMED_JSON";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: the workflow is not registered and REGISTRY_AUTO_REGISTER is off */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: the body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "PAYLOAD_TOO_LARGE";
                        };
                    };
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body has an unsupported encoding or charset */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNSUPPORTED_MEDIA_TYPE";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
    workflowStats: {
        parameters: {
            query?: {
                /** @description the window the figures cover, ending now */
                window?: "1h" | "24h" | "7d" | "30d";
            };
            header?: never;
            path: {
                /** @description the workflow id (the wpk_id its runs carry), e.g. `invoice-agent` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowStatsDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: a parameter or body field is invalid; `details` names each one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "VALIDATION_FAILED";
                        };
                    };
                };
            };
            /** @description `UNAUTHENTICATED`: no API key, or an unknown or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "UNAUTHENTICATED";
                        };
                    };
                };
            };
            /** @description `FORBIDDEN`: the key's role does not allow this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description `WORKFLOW_NOT_FOUND`: WORKFLOW_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "WORKFLOW_NOT_FOUND";
                        };
                    };
                };
            };
            /** @description `RATE_LIMITED`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "RATE_LIMITED";
                        };
                    };
                };
            };
            /** @description `DATABASE_UNAVAILABLE`: the database cannot be reached; retry after `Retry-After` seconds; `SHUTTING_DOWN`: this instance is shutting down; retry (on another instance) */
            503: {
                headers: {
                    /** @description seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DATABASE_UNAVAILABLE" | "SHUTTING_DOWN";
                        };
                    };
                };
            };
        };
    };
}
