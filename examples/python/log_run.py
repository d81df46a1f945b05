"""Record a run in NeuralOps from Python, with the neuralops package (standard library only).

    pip install ./clients/python        # or run from a clone as it is: the package is found there
    NEURALOPS_URL=http://127.0.0.1:8080 NEURALOPS_API_KEY=nops_... python3 examples/python/log_run.py [run-id]

Call `log_run` next to your LangGraph app: it is idempotent on (wpk_id, run_id), so posting
`running` first and the final status later is safe, and so are its retries.
"""
import json
import os
import sys
import time
import uuid

try:
    from neuralops import NeuralOpsError, log_run
except ImportError:  # not installed: use the package from this clone
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))
    from neuralops import NeuralOpsError, log_run


if __name__ == "__main__":
    # A stand-in for `graph.invoke(...)`: time the call, then record what happened.
    run_id = sys.argv[1] if len(sys.argv) > 1 else str(uuid.uuid4())
    started = time.time()
    node_logs = [{"node": "fetch", "step": 1, "status": "completed", "duration_ms": 12},
                 {"node": "parse", "step": 2, "status": "completed", "duration_ms": 3}]
    try:
        run = log_run("python-agent", run_id, "completed", inputs={"invoice_url": "https://example.com/1.pdf"},
                      outputs={"total": 1280.5}, duration_ms=int((time.time() - started) * 1000) + 15,
                      node_logs=node_logs)
    except NeuralOpsError as err:
        sys.exit(str(err))
    print(json.dumps({"id": run["id"], "run_id": run["run_id"], "status": run["status"]}))
