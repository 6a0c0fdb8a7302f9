#!/usr/bin/env python3
"""`warrant serve` as a process: every response validated against docs/openapi.yaml, reloads on
SIGHUP (a broken version replaces nothing), and SIGTERM finishing a request in flight, exit 0.

    /usr/bin/python3 tests/serve/api_contract_test.py path/to/warrant
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WARRANT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "warrant"))
SPEC = yaml.safe_load(open(os.path.join(ROOT, "docs", "openapi.yaml"), encoding="utf-8"))
SMALL = open(os.path.join(ROOT, "tests", "serve", "small.policy"), encoding="utf-8").read()
LONGER = SMALL.replace("period device 12 months", "period device 24 months")
BROKEN = SMALL.replace("per c1y\n\nrule", 'per c1y\nperiod device 6 months for "Phone Oen" per c1y\n\nrule', 1)
assert BROKEN != SMALL and LONGER != SMALL
CLAIM = {"id": 1, "model": "Phone One", "part": "device", "purchased": "2024-01-10", "claimed": "2025-01-20"}

checks = 0
covered = set()


def check(what, ok):
    global checks
    if not ok:
        raise AssertionError("FAILED: " + what)
    checks += 1


def validate(method, path, status, content_type, body):
    """Validates a response body against the schema the OpenAPI file gives for it."""
    op = SPEC["paths"][path][method.lower()]
    response = op["responses"].get(str(status))
    check("%s %s: status %d is documented" % (method, path, status), response is not None)
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].split("/")[-1]]
    media = content_type.split(";")[0].strip()
    check("%s %s %d: %s is documented" % (method, path, status, media), media in response.get("content", {}))
    covered.add((method, path, status))
    if media != "application/json":
        return
    schema = dict(response["content"][media]["schema"])
    schema["components"] = SPEC["components"]
    try:
        jsonschema.Draft202012Validator(schema).validate(json.loads(body))
    except jsonschema.ValidationError as e:
        raise AssertionError("FAILED: %s %s %d does not match docs/openapi.yaml: %s\n%s" % (method, path, status, e.message, body[:500]))


class Server:
    def __init__(self, policy, *extra):
        self.proc = subprocess.Popen([WARRANT, "serve", policy, "--listen", "127.0.0.1:0", *extra],
                                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.log = []
        deadline = time.time() + 20
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            self.log.append(line)
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                return
        raise AssertionError("FAILED: the server did not start: " + "".join(self.log))

    def request(self, method, path, body=None, content_type=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Content-Type": content_type} if content_type else {}
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        data = res.read().decode("utf-8", "replace")
        conn.close()
        route = path.split("?")[0]
        if route in SPEC["paths"]:
            validate(method, route, res.status, res.getheader("Content-Type", ""), data)
        return res.status, data, res.getheader("Warrant-Version")


def main():
    work = tempfile.mkdtemp(prefix="warrant-serve-api-")
    policy = os.path.join(work, "small.policy")
    open(policy, "w", encoding="utf-8").write(SMALL)
    s = Server(policy, "--allow-edit", "--max-body", "65536")
    try:
        q = json.dumps(CLAIM)
        status, body, version = s.request("POST", "/v1/query", q, "application/json")
        check("query answered", status == 200 and json.loads(body)["version"] == version)
        status, body, _ = s.request("POST", "/v1/query?explain=1", q, "application/json")
        check("explained", status == 200 and json.loads(body)["trace"])
        check("400", s.request("POST", "/v1/query", "{", "application/json")[0] == 400)
        check("422", s.request("POST", "/v1/query", q.replace("Phone One", "Phone Two"), "application/json")[0] == 422)
        check("415", s.request("POST", "/v1/query", q, "text/csv")[0] == 415)
        check("413", s.request("POST", "/v1/query", " " * 70000, "application/json")[0] == 413)
        status, body, _ = s.request("POST", "/v1/batch", q + "\n" + q + "\n", "application/x-ndjson")
        check("batch", status == 200 and len(body.splitlines()) == 2)
        check("check", s.request("POST", "/v1/check", BROKEN, "text/plain")[0] == 200)
        check("check: invalid UTF-8", s.request("POST", "/v1/check", b"\xff\xfe", "text/plain")[0] == 400)
        status, body, _ = s.request("POST", "/v1/diff", LONGER, "text/plain")
        check("diff", status == 200 and json.loads(body)["answers_differ"])
        check("diff html", s.request("POST", "/v1/diff?format=html", LONGER, "text/plain")[0] == 200)
        check("diff of two texts", s.request("POST", "/v1/diff", json.dumps({"old": SMALL, "new": LONGER}), "application/json")[0] == 200)
        check("diff: broken text", s.request("POST", "/v1/diff", BROKEN, "text/plain")[0] == 422)
        check("diff: bad JSON", s.request("POST", "/v1/diff", "{\"new\":1}", "application/json")[0] == 400)
        check("try", s.request("POST", "/v1/try?explain=1", json.dumps({"policy": LONGER, "query": CLAIM}), "application/json")[0] == 200)
        check("try: broken", s.request("POST", "/v1/try", json.dumps({"policy": BROKEN, "query": CLAIM}), "application/json")[0] == 422)
        check("try: bad body", s.request("POST", "/v1/try", "[]", "application/json")[0] == 400)
        check("policies", s.request("GET", "/v1/policies")[0] == 200)
        check("source", s.request("GET", "/v1/source")[0] == 200)
        check("healthz", s.request("GET", "/healthz")[0] == 200)
        # A request is counted once its answer is written, which a client may read first: wait for it.
        deadline = time.time() + 2
        status, body, _ = s.request("GET", "/metrics")
        while time.time() < deadline and 'warrant_http_requests_total{endpoint="/v1/query"} 6\n' not in body:
            time.sleep(0.01)
            status, body, _ = s.request("GET", "/metrics")
        check("metrics: " + re.search(r'warrant_http_requests_total{endpoint="/v1/query"} \d+', body).group(0), status == 200 and 'warrant_http_requests_total{endpoint="/v1/query"} 6\n' in body and 'warrant_http_errors_total{endpoint="/v1/query",class="4xx"} 4\n' in body)
        check("page", s.request("GET", "/")[0] == 200)
        check("save: broken", s.request("POST", "/v1/save", BROKEN, "text/plain")[0] == 422)
        check("save: stale", s.request("POST", "/v1/save?base=0123456789abcdef", LONGER, "text/plain")[0] == 409)
        check("save: no such file", s.request("POST", "/v1/save?file=3", LONGER, "text/plain")[0] == 404)

        # SIGHUP: a broken version replaces nothing and is reported; a good one is served.
        first = s.request("GET", "/healthz")[2]
        open(policy, "w", encoding="utf-8").write(BROKEN)
        s.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 10
        while time.time() < deadline and json.loads(s.request("GET", "/v1/policies")[1])["reload"]["ok"]:
            time.sleep(0.05)
        status, body, version = s.request("GET", "/v1/policies")
        p = json.loads(body)
        check("SIGHUP with a broken file: still the first version", p["version"] == first and not p["reload"]["ok"])
        check("the failure's diagnostics are shown", p["reload"]["diagnostics"]["errors"] >= 1)
        check("still answering", s.request("POST", "/v1/query", q, "application/json")[2] == first)
        open(policy, "w", encoding="utf-8").write(LONGER)
        s.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 10
        while time.time() < deadline and s.request("GET", "/healthz")[2] == first:
            time.sleep(0.05)
        status, body, version = s.request("POST", "/v1/query", q, "application/json")
        check("SIGHUP with a good file: a new version", version != first and json.loads(body)["verdict"] == "free_repair")

        # SIGTERM while a request is in flight (half its body sent): it is finished, then exit 0.
        batch = (q + "\n") * 200
        # The requests before are counted until their answers are written, which their clients
        # may read first: start from none in flight, so that the one counted below is this one.
        deadline = time.time() + 20
        while time.time() < deadline and "warrant_http_requests_in_flight 0\n" not in s.request("GET", "/metrics")[1]:
            time.sleep(0.05)
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=20)
        head = "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n" % len(batch)
        sock.sendall(head.encode() + batch[:len(batch) // 2].encode())
        # Stop only once the server reads the request (a busy machine may take a while to accept it).
        # A metrics request is counted until its answer is written, which this client may read
        # first: one poll may still see the poll before it, so the request must be seen twice.
        deadline = time.time() + 20
        seen = 0
        while time.time() < deadline and seen < 2:
            seen = seen + 1 if "warrant_http_requests_in_flight 1\n" in s.request("GET", "/metrics")[1] else 0
            time.sleep(0.05)
        check("the request is in flight", seen >= 2)
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        sock.sendall(batch[len(batch) // 2:].encode())
        got = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            got += chunk
            # The last chunk ends the body; the headers' own end may look alike (a version
            # hash ending in 0), so only what follows them counts.
            head_end = got.find(b"\r\n\r\n")
            if head_end >= 0 and got[head_end + 4:].endswith(b"0\r\n\r\n"):
                break
        sock.close()
        text = got.decode()
        check("the request in flight is answered: %d answers, %d bytes: %s" % (text.count("verdict"), len(text), text[-300:]), text.startswith("HTTP/1.1 200") and text.count('"verdict":"free_repair"') == 200)
        code = s.proc.wait(timeout=20)
        check("exit 0 after SIGTERM", code == 0)
    finally:
        if s.proc.poll() is None:
            s.proc.kill()
        shutil.rmtree(work, ignore_errors=True)

    # Nothing compiles: 503 with a JSON error, documented.
    work = tempfile.mkdtemp(prefix="warrant-serve-api-")
    policy = os.path.join(work, "broken.policy")
    open(policy, "w", encoding="utf-8").write(BROKEN)
    s = Server(policy)
    try:
        check("503 while nothing compiles", s.request("POST", "/v1/query", json.dumps(CLAIM), "application/json")[0] == 503)
        check("healthz 503", s.request("GET", "/healthz")[0] == 503)
        check("policies say why", not json.loads(s.request("GET", "/v1/policies")[1])["reload"]["ok"])
        check("save refused without --allow-edit", s.request("POST", "/v1/save", SMALL, "text/plain")[0] == 403)
        s.proc.send_signal(signal.SIGTERM)
        check("exit 0", s.proc.wait(timeout=20) == 0)
    finally:
        if s.proc.poll() is None:
            s.proc.kill()
        shutil.rmtree(work, ignore_errors=True)

    # The listen warning for addresses beyond loopback.
    out = subprocess.run([WARRANT, "serve", os.path.join(ROOT, "tests", "serve", "small.policy"), "--listen", "nonsense"],
                         capture_output=True, text=True)
    check("--listen without a port is refused", out.returncode == 2 and "HOST:PORT" in out.stderr)
    print("warrant serve API: %d checks passed, %d documented responses exercised" % (checks, len(covered)))


if __name__ == "__main__":
    main()
