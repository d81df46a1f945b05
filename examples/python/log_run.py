"""Record a run in NeuralOps from Python, with the standard library only (urllib).

    NEURALOPS_URL=http://127.0.0.1:8080 NEURALOPS_API_KEY=nops_... python3 log_run.py [run-id]

Import `log_run` next to your LangGraph app, or copy it: the call is idempotent on
(wpk_id, run_id), so posting `running` first and the final status later is safe, and so are retries.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid


def log_run(wpk_id, run_id, status, inputs=None, outputs=None, duration_ms=None, node_logs=None,
            error=None, base_url=None, api_key=None, attempts=3, timeout=5.0):
    """POST /runs; retries network errors, 429 and 5xx with backoff; returns the stored run (a dict)."""
    base_url = (base_url or os.environ.get("NEURALOPS_URL", "http://127.0.0.1:8080")).rstrip("/")
    api_key = api_key or os.environ["NEURALOPS_API_KEY"]
    body = {"wpk_id": wpk_id, "run_id": run_id, "status": status}
    for key, value in (("inputs", inputs), ("outputs", outputs), ("duration_ms", duration_ms),
                       ("node_logs", node_logs), ("error", error)):
        if value is not None:
            body[key] = value
    data = json.dumps(body, default=str).encode("utf-8")
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(base_url + "/runs", data=data, method="POST", headers={
            "Content-Type": "application/json", "X-API-Key": api_key})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            if err.code != 429 and err.code < 500 or attempt == attempts:
                raise RuntimeError("NeuralOps answered %s: %s" % (err.code, err.read().decode("utf-8", "replace")))
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            if attempt == attempts:
                raise
        time.sleep(0.2 * 2 ** attempt)


if __name__ == "__main__":
    # A stand-in for `graph.invoke(...)`: time the call, then record what happened.
    run_id = sys.argv[1] if len(sys.argv) > 1 else str(uuid.uuid4())
    started = time.time()
    node_logs = [{"node": "fetch", "step": 1, "status": "completed", "duration_ms": 12},
                 {"node": "parse", "step": 2, "status": "completed", "duration_ms": 3}]
    run = log_run("python-agent", run_id, "completed", inputs={"invoice_url": "https://example.com/1.pdf"},
                  outputs={"total": 1280.5}, duration_ms=int((time.time() - started) * 1000) + 15,
                  node_logs=node_logs)
    print(json.dumps({"id": run["id"], "run_id": run["run_id"], "status": run["status"]}))
