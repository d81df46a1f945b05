"""The NeuralOps HTTP API over urllib: one method per route a pipeline or a script needs."""
from __future__ import annotations

import datetime as _dt
import json
import os
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterable, Iterator, Mapping, Optional

__all__ = ["NeuralOpsClient", "NeuralOpsError", "log_run"]

_RUN_FIELDS = (
    "inputs", "outputs", "duration_ms", "node_logs", "error", "tags", "metadata", "started_at", "ended_at", "created_at",
)
_NOTIFY_FIELDS = ("duration_ms", "outputs", "error", "ended_at")


class NeuralOpsError(Exception):
    """An answer with an error status, or no answer at all (``status`` 0: NETWORK_ERROR or TIMEOUT).

    ``code`` is the server's stable error code (``VALIDATION_FAILED``, ``RUN_NOT_FOUND``, …),
    ``details`` its details (for VALIDATION_FAILED the fields at fault), and ``request_id`` the id
    to look the request up in the server's logs.
    """

    def __init__(self, status: int, code: str, message: str, request_id: Optional[str] = None, details: Any = None):
        super().__init__("NeuralOps answered %s %s: %s" % (status, code, message) if status else "NeuralOps: %s: %s" % (code, message))
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.details = details

    @property
    def retryable(self) -> bool:
        """No answer, 408, 429 or a 5xx: worth trying again."""
        return self.status == 0 or self.status in (408, 429) or self.status >= 500


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return _timestamp(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _timestamp(value: Any) -> Any:
    """A datetime as the server reads it (RFC 3339 with its zone); strings and None pass unchanged."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("datetimes sent to NeuralOps need a time zone, e.g. datetime.now(timezone.utc)")
        return value.isoformat()
    return value


def _fields(given: Mapping[str, Any], allowed: Iterable[str], where: str) -> Dict[str, Any]:
    allowed = tuple(allowed)
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise TypeError("%s() got unknown field(s) %s; known: %s" % (where, ", ".join(unknown), ", ".join(allowed)))
    out = {}
    for key, value in given.items():
        out[key] = _timestamp(value) if key.endswith("_at") else value
    return out


class NeuralOpsClient:
    """A client for one NeuralOps server.

    ``NeuralOpsClient("http://127.0.0.1:8080", api_key)``. Network errors, timeouts, 429 and 5xx
    answers are retried ``retries`` times with exponential backoff and jitter (honouring
    ``Retry-After``); every write it retries is idempotent on the server. Any other error status
    raises NeuralOpsError at once.
    """

    def __init__(self, base_url: str, api_key: Optional[str] = None, timeout: float = 10.0, retries: int = 3,
                 backoff: float = 0.25, max_backoff: float = 8.0, headers: Optional[Mapping[str, str]] = None):
        if not base_url:
            raise ValueError("base_url is required, e.g. http://127.0.0.1:8080")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.headers = dict(headers or {})

    # runs

    def record_run(self, wpk_id: str, run_id: str, status: Optional[str], **fields: Any) -> Dict[str, Any]:
        """POST /runs: creates the run, or merges into the stored one (fields given replace stored
        ones). ``status`` None leaves it out (a merge into a run that exists). Returns the stored run."""
        return self._request("POST", "/runs", body=self._run_body(wpk_id, run_id, status, fields, "record_run"))

    def log_run(self, wpk_id: str, run_id: str, status: Optional[str], **fields: Any) -> Dict[str, Any]:
        """POST /langgraph/hooks/log_run, the seed's run-logger hook: the same as record_run."""
        return self._request("POST", "/langgraph/hooks/log_run", body=self._run_body(wpk_id, run_id, status, fields, "log_run"))

    def record_runs(self, runs: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
        """POST /runs/batch (1–1,000 runs): each is stored or refused on its own; the answer lists
        ``items`` (created / updated / error) and the counts."""
        items = []
        for run in runs:
            items.append({key: (_timestamp(value) if key.endswith("_at") else value) for key, value in run.items()})
        return self._request("POST", "/runs/batch", body={"runs": items})

    def list_runs(self, **filters: Any) -> Dict[str, Any]:
        """GET /runs: one page, newest first. Filters: wpk_id, run_id, status, tag, since, until;
        paging: limit (≤ 200) with cursor (next_cursor of the page before), or page."""
        return self._request("GET", "/runs", query=filters)

    def iter_runs(self, **filters: Any) -> Iterator[Dict[str, Any]]:
        """Every run matching the filters, page after page (keyset cursor)."""
        query = dict(filters)
        while True:
            page = self.list_runs(**query)
            for run in page["items"]:
                yield run
            if not page.get("next_cursor"):
                return
            query["cursor"] = page["next_cursor"]

    def get_run(self, id: str) -> Dict[str, Any]:
        """GET /runs/{id}: one run (by the id the server gave it) with inputs, outputs and node logs."""
        return self._request("GET", "/runs/%s" % urllib.parse.quote(id, safe=""))

    def search_runs(self, query: str, **filters: Any) -> Dict[str, Any]:
        """POST /runs/search: runs nearest to a free-text query; filters k, wpk_id, status, since."""
        body = dict(filters, query=query)
        if "since" in body:
            body["since"] = _timestamp(body["since"])
        return self._request("POST", "/runs/search", body=body)

    # registry

    def register_workflow(self, id: str, **fields: Any) -> Dict[str, Any]:
        """POST /workflows: registers the workflow, or updates it (name, description, version,
        owner, tags, metadata)."""
        return self._request("POST", "/workflows", body=dict(_fields(fields, ("name", "description", "version", "owner", "tags", "metadata"), "register_workflow"), id=id))

    def notify_run(self, workflow_id: str, run_id: str, status: Optional[str], **fields: Any) -> Dict[str, Any]:
        """POST /workflows/{id}/runs/notify, the runtime agent's callback (duration_ms, outputs,
        error, ended_at)."""
        body = _fields(fields, _NOTIFY_FIELDS, "notify_run")
        body["run_id"] = run_id
        if status is not None:
            body["status"] = status
        return self._request("POST", "/workflows/%s/runs/notify" % urllib.parse.quote(workflow_id, safe=""), body=body)

    def get_workflow_insights(self, workflow_id: str, window: Optional[str] = None) -> Dict[str, Any]:
        """GET /workflows/{id}/insights: slowest and failing nodes, failed runs grouped by
        similarity, and regressions in words, over a window (1h, 24h, 7d or 30d; default 24h)
        against the window of the same length before it."""
        query = {} if window is None else {"window": window}
        return self._request("GET", "/workflows/%s/insights" % urllib.parse.quote(workflow_id, safe=""), query=query)

    # insight

    def list_signals(self, **filters: Any) -> Dict[str, Any]:
        """GET /signals: anomaly signals, newest first. Filters: state, probe_id, metric, since,
        until, min_score, acknowledged, feedback (useful, noise, none), silenced; paging: limit, cursor."""
        return self._request("GET", "/signals", query=filters)

    def get_signal(self, id: str) -> Dict[str, Any]:
        """GET /signals/{id}: one signal with its feedback and its deliveries per channel."""
        return self._request("GET", "/signals/%s" % urllib.parse.quote(id, safe=""))

    def acknowledge_signal(self, id: str, note: Optional[str] = None) -> Dict[str, Any]:
        """POST /signals/{id}/ack (admin): "seen it". The alert keeps firing in Alertmanager with
        the annotation acknowledged="true"; the webhook hears signal.acknowledged once."""
        return self._request("POST", "/signals/%s/ack" % urllib.parse.quote(id, safe=""), body={} if note is None else {"note": note})

    def snooze_signal(self, id: str, until: Any) -> Dict[str, Any]:
        """POST /signals/{id}/snooze (admin): "not now". No webhook deliveries, and a silence on the
        signal's labels (mirrored to Alertmanager), until `until` (an aware datetime or RFC 3339)."""
        return self._request("POST", "/signals/%s/snooze" % urllib.parse.quote(id, safe=""), body={"until": _timestamp(until)})

    def signal_feedback(self, id: str, label: str, note: Optional[str] = None) -> Dict[str, Any]:
        """POST /signals/{id}/feedback (admin): "useful" or "noise", one label per key. Noise on a
        probe's signal raises its effective threshold a step (x1.25, at most two)."""
        body: Dict[str, Any] = {"label": label}
        if note is not None:
            body["note"] = note
        return self._request("POST", "/signals/%s/feedback" % urllib.parse.quote(id, safe=""), body=body)

    def create_silence(self, matchers: Iterable[Mapping[str, Any]], ends_at: Any, comment: str, starts_at: Any = None) -> Dict[str, Any]:
        """POST /silences (admin): a maintenance window. `matchers` are
        {"name", "value", "is_regex"?, "is_equal"?} over probe, probe_id, severity, wpk_id and
        series labels. Not retried on a server error, which could have made it already."""
        body: Dict[str, Any] = {"matchers": [dict(m) for m in matchers], "ends_at": _timestamp(ends_at), "comment": comment}
        if starts_at is not None:
            body["starts_at"] = _timestamp(starts_at)
        return self._request("POST", "/silences", body=body, idempotent=False)

    def list_silences(self, state: Optional[str] = None) -> Dict[str, Any]:
        """GET /silences: active and pending ones, and those expired in the last 7 days
        (`state`: pending, active or expired)."""
        return self._request("GET", "/silences", query={"state": state})

    def expire_silence(self, id: str) -> None:
        """DELETE /silences/{id} (admin): ends it now, here and in Alertmanager."""
        self._request("DELETE", "/silences/%s" % urllib.parse.quote(id, safe=""))

    def reset_probe_tuning(self, id: str) -> Dict[str, Any]:
        """POST /probes/{id}/tuning/reset (admin): back to the configured threshold."""
        return self._request("POST", "/probes/%s/tuning/reset" % urllib.parse.quote(id, safe=""))

    def list_detectors(self) -> Dict[str, Any]:
        """GET /detectors: the detectors a probe can use, each sensitivity level's threshold and
        how often it alerted on healthy series (`measured`)."""
        return self._request("GET", "/detectors")

    def health(self) -> Dict[str, Any]:
        """GET /health: 200 and 503 both answer the report."""
        return self._request("GET", "/health", accept=(503,))

    # transport

    def _run_body(self, wpk_id: str, run_id: str, status: Optional[str], fields: Mapping[str, Any], where: str) -> Dict[str, Any]:
        body = _fields(fields, _RUN_FIELDS, where)
        body["wpk_id"] = wpk_id
        body["run_id"] = run_id
        if status is not None:
            body["status"] = status
        return body

    def _url(self, path: str, query: Optional[Mapping[str, Any]]) -> str:
        url = self.base_url + path
        if query:
            pairs = []
            for key, value in query.items():
                if value is None:
                    continue
                if isinstance(value, bool):
                    value = "true" if value else "false"
                elif isinstance(value, _dt.datetime):
                    value = _timestamp(value)
                pairs.append((key, str(value)))
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        return url

    def _request(self, method: str, path: str, query: Optional[Mapping[str, Any]] = None, body: Any = None,
                 accept: Iterable[int] = (), idempotent: bool = True) -> Any:
        url = self._url(path, query)
        data = None if body is None else json.dumps(body, default=_json_default).encode("utf-8")
        headers = {"Accept": "application/json", "User-Agent": "neuralops-python/0.1.0"}
        headers.update(self.headers)
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        if data is not None:
            headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(method, url, data, headers, tuple(accept))
            except NeuralOpsError as err:
                # a write that is not idempotent is retried only when it was refused unread (429)
                if not err.retryable or attempt > self.retries or (not idempotent and err.status != 429):
                    raise
                time.sleep(self._delay(attempt, getattr(err, "_retry_after", None)))

    def _delay(self, attempt: int, retry_after: Optional[float]) -> float:
        ceiling = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        delay = ceiling / 2 + random.random() * ceiling / 2
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_backoff))
        return delay

    def _once(self, method: str, url: str, data: Optional[bytes], headers: Mapping[str, str], accept: tuple) -> Any:
        request = urllib.request.Request(url, data=data, method=method, headers=dict(headers))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _parse(response.read())
        except urllib.error.HTTPError as err:
            raw = err.read()
            if err.code in accept:
                return _parse(raw)
            raise _http_error(method, url, err.code, raw, err.headers) from None
        except (socket.timeout, TimeoutError) as err:
            raise NeuralOpsError(0, "TIMEOUT", "%s %s: no answer within %ss" % (method, url, self.timeout)) from err
        except (urllib.error.URLError, ConnectionError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise NeuralOpsError(0, "TIMEOUT", "%s %s: no answer within %ss" % (method, url, self.timeout)) from err
            raise NeuralOpsError(0, "NETWORK_ERROR", "%s %s: %s" % (method, url, reason)) from err


def _parse(raw: bytes) -> Any:
    if not raw:
        return None
    return json.loads(raw.decode("utf-8"))


def _http_error(method: str, url: str, status: int, raw: bytes, headers: Any) -> NeuralOpsError:
    try:
        body = json.loads(raw.decode("utf-8")) if raw else {}
    except ValueError:
        body = {}
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    request_id = body.get("request_id") if isinstance(body, dict) else None
    err = NeuralOpsError(
        status,
        error.get("code") if isinstance(error.get("code"), str) else "HTTP_%s" % status,
        error.get("message") if isinstance(error.get("message"), str) else "%s %s answered %s" % (method, url, status),
        request_id if isinstance(request_id, str) else (headers.get("X-Request-Id") if headers else None),
        error.get("details"),
    )
    retry_after = headers.get("Retry-After") if headers else None
    try:
        err._retry_after = float(retry_after) if retry_after is not None else None  # type: ignore[attr-defined]
    except ValueError:
        err._retry_after = None  # type: ignore[attr-defined]
    return err


def log_run(wpk_id: str, run_id: str, status: Optional[str], base_url: Optional[str] = None, api_key: Optional[str] = None,
            **fields: Any) -> Dict[str, Any]:
    """Records a run in one call, next to a LangGraph app: the server from ``NEURALOPS_URL``
    (default http://127.0.0.1:8080) and the key from ``NEURALOPS_API_KEY`` unless given. Idempotent
    on (wpk_id, run_id): posting ``running`` first and the final status later is safe, and so are
    retries."""
    client = NeuralOpsClient(base_url or os.environ.get("NEURALOPS_URL", "http://127.0.0.1:8080"), api_key or os.environ.get("NEURALOPS_API_KEY"))
    return client.record_run(wpk_id, run_id, status, **fields)
