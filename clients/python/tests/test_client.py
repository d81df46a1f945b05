"""Tests of the neuralops package.

The transport tests run against a small local HTTP server that answers what each test scripts. The
API tests run against a real NeuralOps server when NEURALOPS_URL and NEURALOPS_API_KEY name one
(npm test starts one and runs these).
"""
import datetime
import http.server
import json
import os
import socket
import threading
import unittest
import uuid

import neuralops
from neuralops import NeuralOpsClient, NeuralOpsError

URL = os.environ.get("NEURALOPS_URL")
KEY = os.environ.get("NEURALOPS_API_KEY")


class ScriptedServer:
    """Answers each request with the next (status, headers, body) of a script; records the requests."""

    def __init__(self, script):
        self.script = list(script)
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                status, headers, payload = outer.script.pop(0) if outer.script else (500, {}, {"error": {"code": "INTERNAL", "message": "script ran out"}})
                data = b"" if payload is None else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = handle_one

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def error_body(code, message="nope", request_id="req-1", details=None):
    body = {"error": {"code": code, "message": message}, "request_id": request_id}
    if details is not None:
        body["error"]["details"] = details
    return body


class TransportTest(unittest.TestCase):
    def serve(self, script):
        server = ScriptedServer(script)
        self.addCleanup(server.close)
        return server, NeuralOpsClient(server.url, "k", backoff=0.001, max_backoff=0.01, timeout=2)

    def test_sends_the_key_and_json_and_returns_the_answer(self):
        server, client = self.serve([(201, {}, {"id": "u1", "run_id": "r1"})])
        at = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.timezone.utc)
        self.assertEqual(client.record_run("wf", "r1", "completed", duration_ms=5, started_at=at), {"id": "u1", "run_id": "r1"})
        sent = server.requests[0]
        self.assertEqual((sent["method"], sent["path"], sent["headers"]["x-api-key"]), ("POST", "/runs", "k"))
        self.assertEqual(json.loads(sent["body"]), {"wpk_id": "wf", "run_id": "r1", "status": "completed", "duration_ms": 5, "started_at": "2026-01-15T10:00:00+00:00"})

    def test_workflow_insights_quotes_the_id_and_sends_the_window(self):
        server, client = self.serve([(200, {}, {"window": "7d"}), (200, {}, {"window": "24h"})])
        self.assertEqual(client.get_workflow_insights("a/b c", window="7d"), {"window": "7d"})
        self.assertEqual(server.requests[0]["path"], "/workflows/a%2Fb%20c/insights?window=7d")
        client.get_workflow_insights("wf")
        self.assertEqual(server.requests[1]["path"], "/workflows/wf/insights")

    def test_retries_5xx_and_429_then_succeeds(self):
        server, client = self.serve([
            (503, {"Retry-After": "0"}, error_body("DATABASE_UNAVAILABLE")),
            (429, {"Retry-After": "0"}, error_body("RATE_LIMITED")),
            (200, {}, {"items": [], "limit": 20, "next_cursor": None}),
        ])
        self.assertEqual(client.list_runs(wpk_id="wf", include_archived=False)["items"], [])
        self.assertEqual(len(server.requests), 3)
        self.assertEqual(server.requests[0]["path"], "/runs?wpk_id=wf&include_archived=false")

    def test_a_silence_is_not_made_twice_by_a_retry_but_an_acknowledgement_is_retried(self):
        server, client = self.serve([
            (503, {}, error_body("DATABASE_UNAVAILABLE")),
            (503, {}, error_body("DATABASE_UNAVAILABLE")),
            (200, {}, {"id": "s1", "acknowledged_at": "2026-01-15T10:00:00.000Z"}),
        ])
        until = datetime.datetime(2026, 1, 15, 11, 0, tzinfo=datetime.timezone.utc)
        with self.assertRaises(NeuralOpsError) as caught:
            client.create_silence([{"name": "probe", "value": "p"}], until, "deploy")
        self.assertEqual(caught.exception.status, 503)
        self.assertEqual(len(server.requests), 1)
        self.assertEqual(json.loads(server.requests[0]["body"]), {"matchers": [{"name": "probe", "value": "p"}], "ends_at": "2026-01-15T11:00:00+00:00", "comment": "deploy"})
        self.assertEqual(client.acknowledge_signal("s1", note="on it")["id"], "s1")
        self.assertEqual(len(server.requests), 3)
        self.assertEqual((server.requests[2]["path"], json.loads(server.requests[2]["body"])), ("/signals/s1/ack", {"note": "on it"}))

    def test_gives_up_after_the_retries_with_the_last_error(self):
        server, client = self.serve([(502, {}, error_body("BAD_GATEWAY", request_id="r%d" % i)) for i in range(4)])
        with self.assertRaises(NeuralOpsError) as caught:
            client.get_run("x")
        self.assertEqual((caught.exception.status, caught.exception.code, caught.exception.request_id), (502, "BAD_GATEWAY", "r3"))
        self.assertEqual(len(server.requests), 4)
        self.assertTrue(caught.exception.retryable)

    def test_a_client_error_is_raised_at_once_with_code_details_and_request_id(self):
        details = [{"field": "status", "message": "status must be one of the following values"}]
        server, client = self.serve([(400, {}, error_body("VALIDATION_FAILED", "invalid request: status", "req-9", details))])
        with self.assertRaises(NeuralOpsError) as caught:
            client.record_run("wf", "r1", "done")
        err = caught.exception
        self.assertEqual((err.status, err.code, err.request_id, err.details), (400, "VALIDATION_FAILED", "req-9", details))
        self.assertFalse(err.retryable)
        self.assertIn("NeuralOps answered 400 VALIDATION_FAILED", str(err))
        self.assertEqual(len(server.requests), 1)

    def test_no_server_is_a_network_error_after_retries(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        client = NeuralOpsClient("http://127.0.0.1:%d" % port, "k", retries=2, backoff=0.001)
        with self.assertRaises(NeuralOpsError) as caught:
            client.health()
        self.assertEqual((caught.exception.status, caught.exception.code), (0, "NETWORK_ERROR"))

    def test_refuses_naive_datetimes_and_unknown_fields(self):
        client = NeuralOpsClient("http://127.0.0.1:9", "k")
        with self.assertRaises(ValueError):
            client.record_run("wf", "r", "completed", started_at=datetime.datetime(2026, 1, 1))
        with self.assertRaises(TypeError):
            client.record_run("wf", "r", "completed", duration=5)


@unittest.skipUnless(URL and KEY, "set NEURALOPS_URL and NEURALOPS_API_KEY to run against a server")
class ApiTest(unittest.TestCase):
    def setUp(self):
        self.client = NeuralOpsClient(URL, KEY)
        self.wf = "py-%s" % uuid.uuid4().hex[:8]

    def test_records_merges_and_reads_runs(self):
        first = self.client.record_run(self.wf, "r1", "running", inputs={"q": 1}, tags=["py"],
                                       started_at=datetime.datetime.now(datetime.timezone.utc))
        self.assertEqual((first["wpk_id"], first["status"], first["inputs"]), (self.wf, "running", {"q": 1}))
        merged = self.client.record_run(self.wf, "r1", "completed", outputs=[1, 2], duration_ms=42,
                                        node_logs=[{"node": "parse", "step": 1, "duration_ms": 40}])
        self.assertEqual((merged["id"], merged["status"], merged["inputs"], merged["outputs"]), (first["id"], "completed", {"q": 1}, [1, 2]))
        got = self.client.get_run(first["id"])
        self.assertEqual([log["node"] for log in got["node_logs"]], ["parse"])
        hooked = self.client.log_run(self.wf, "r2", "failed", error="boom")
        self.assertEqual(hooked["error"], "boom")

    def test_batch_reports_each_item(self):
        result = self.client.record_runs([
            {"wpk_id": self.wf, "run_id": "b1", "status": "completed"},
            {"wpk_id": self.wf, "run_id": "b2", "status": "nope"},
        ])
        self.assertEqual((result["created"], result["failed"]), (1, 1))
        self.assertEqual(result["items"][1]["error"]["code"], "VALIDATION_FAILED")

    def test_lists_with_filters_and_pages_with_the_cursor(self):
        for i in range(5):
            self.client.record_run(self.wf, "p%d" % i, "failed" if i % 2 else "completed")
        page = self.client.list_runs(wpk_id=self.wf, status="completed", limit=2)
        self.assertEqual([r["run_id"] for r in page["items"]], ["p4", "p2"])
        self.assertIsNotNone(page["next_cursor"])
        self.assertEqual([r["run_id"] for r in self.client.iter_runs(wpk_id=self.wf, limit=2)], ["p4", "p3", "p2", "p1", "p0"])

    def test_registry_and_notify(self):
        workflow = self.client.register_workflow(self.wf, name="Python workflow", tags=["py"])
        self.assertEqual((workflow["id"], workflow["name"]), (self.wf, "Python workflow"))
        run = self.client.notify_run(self.wf, "n1", "completed", duration_ms=7, outputs={"ok": True})
        self.assertEqual((run["wpk_id"], run["run_id"], run["duration_ms"]), (self.wf, "n1", 7))

    def test_workflow_insights(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        self.client.record_runs([
            {"wpk_id": self.wf, "run_id": "i%d" % i, "status": "completed", "duration_ms": 30 + i, "started_at": now - datetime.timedelta(minutes=i),
             "node_logs": [{"node": "fetch", "duration_ms": 10 + i}, {"node": "parse", "duration_ms": 20}]}
            for i in range(3)
        ])
        insights = self.client.get_workflow_insights(self.wf, window="1h")
        self.assertEqual(insights["window"], "1h")
        self.assertEqual([n["node"] for n in insights["slowest_nodes"]], ["parse", "fetch"])
        self.assertEqual(insights["slowest_nodes"][1]["p95_ms"], 12)
        with self.assertRaises(NeuralOpsError) as caught:
            self.client.get_workflow_insights(self.wf, window="2h")
        self.assertEqual((caught.exception.status, caught.exception.code), (400, "VALIDATION_FAILED"))

    def test_signals_and_search(self):
        signals = self.client.list_signals(state="firing", limit=5)
        self.assertIsInstance(signals["items"], list)
        self.assertEqual(signals["limit"], 5)
        found = self.client.search_runs("timeout in the parse node", k=3)
        self.assertIsInstance(found["items"], list)

    def test_silences_and_acting_on_signals(self):
        until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        silence = self.client.create_silence([{"name": "wpk_id", "value": self.wf}], until, "python window")
        self.assertEqual((silence["state"], silence["comment"], silence["matchers"][0]["is_regex"]), ("active", "python window", False))
        self.assertIn(silence["id"], [s["id"] for s in self.client.list_silences(state="active")["items"]])
        self.client.expire_silence(silence["id"])
        self.assertIn(silence["id"], [s["id"] for s in self.client.list_silences(state="expired")["items"]])
        missing = "00000000-0000-0000-0000-000000000000"
        for act in (lambda: self.client.acknowledge_signal(missing, note="seen"), lambda: self.client.snooze_signal(missing, until),
                    lambda: self.client.signal_feedback(missing, "noise"), lambda: self.client.get_signal(missing)):
            with self.assertRaises(NeuralOpsError) as caught:
                act()
            self.assertEqual((caught.exception.status, caught.exception.code), (404, "SIGNAL_NOT_FOUND"))
        with self.assertRaises(NeuralOpsError) as caught:
            self.client.signal_feedback(missing, "meh")
        self.assertEqual((caught.exception.status, caught.exception.details[0]["field"]), (400, "label"))
        self.assertEqual(self.client.list_signals(acknowledged=False, feedback="none", silenced=False, limit=5)["limit"], 5)
        with self.assertRaises(NeuralOpsError) as caught:
            self.client.reset_probe_tuning(missing)
        self.assertEqual(caught.exception.code, "PROBE_NOT_FOUND")
        detectors = self.client.list_detectors()["items"]
        default = [d for d in detectors if d["default"]]
        self.assertEqual(len(default), 1)
        self.assertEqual([l["level"] for l in default[0]["sensitivities"]], ["low", "medium", "high"])
        medium = default[0]["sensitivities"][1]
        self.assertEqual(medium["threshold"], default[0]["default_threshold"])
        self.assertGreaterEqual(medium["measured"]["false_alarms_per_30_days_upper_95"], medium["measured"]["false_alarms_per_30_days"])

    def test_errors_carry_status_code_and_request_id(self):
        with self.assertRaises(NeuralOpsError) as caught:
            self.client.get_run("00000000-0000-0000-0000-000000000000")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "RUN_NOT_FOUND"))
        self.assertTrue(caught.exception.request_id)
        with self.assertRaises(NeuralOpsError) as caught:
            NeuralOpsClient(URL, "wrong-key-000000000000").list_runs()
        self.assertEqual((caught.exception.status, caught.exception.code), (401, "UNAUTHENTICATED"))

    def test_log_run_reads_the_environment(self):
        run = neuralops.log_run(self.wf, "env-1", "completed", duration_ms=3)
        self.assertEqual((run["wpk_id"], run["run_id"]), (self.wf, "env-1"))
        self.assertEqual(self.client.health()["status"], "ok")


if __name__ == "__main__":
    unittest.main()
