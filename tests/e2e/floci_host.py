"""Starts the real `floci` binary for end-to-end tests.

FLOCI_PORT=0 makes the host bind a free port and name it in its start-up log line; the helper
reads that line, waits for /_floci/health, and gives tests the endpoint. Each host gets a fresh
temporary data folder and dummy AWS credentials (a fresh machine has no ~/.aws).
"""
import http.client
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time

FLOCI_BIN = os.environ.get("FLOCI_BIN", "floci")
BUILD_DIR = os.environ.get("FLOCI_BUILD_DIR", "")
TEST_PLUGIN_DIR = os.environ.get("FLOCI_TEST_PLUGIN_DIR", "")
SOURCE_DIR = os.environ.get("FLOCI_SOURCE_DIR", "")

os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

_PORT_LINE = re.compile(r"listening on \S+:(\d+)")


class FlociHost:
    """One running host. Use as a context manager, or call start()/stop()."""

    def __init__(self, env=None, plugin_dir=None, data_dir=None, wait_ready=True):
        self.extra_env = dict(env or {})
        self.plugin_dir = plugin_dir
        self._tmp = None if data_dir else tempfile.TemporaryDirectory(prefix="floci-e2e-")
        self.data_dir = data_dir or self._tmp.name
        self.wait_ready = wait_ready
        self.process = None
        self.port = None
        self.lines = []
        self._port_seen = threading.Event()
        self._reader = None

    # -- life cycle ---------------------------------------------------------------------
    def start(self, timeout=15.0):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLOCI_")}
        env.update({"FLOCI_PORT": "0", "FLOCI_STORAGE_PERSISTENT_PATH": self.data_dir})
        if self.plugin_dir:
            env["FLOCI_PLUGIN_DIR"] = self.plugin_dir
        env.update(self.extra_env)
        self.process = subprocess.Popen(
            [FLOCI_BIN], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._reader = threading.Thread(target=self._read_output, daemon=True)
        self._reader.start()
        if not self.wait_ready:
            return self
        deadline = time.monotonic() + timeout
        while not self._port_seen.wait(0.01):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("floci did not start:\n" + self.output())
        self._wait_healthy(deadline)
        return self

    def _read_output(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            match = _PORT_LINE.search(line)
            if match and not self._port_seen.is_set():
                self.port = int(match.group(1))
                self._port_seen.set()

    def _wait_healthy(self, deadline):
        while time.monotonic() < deadline:
            try:
                status, _, _ = self.request("GET", "/_floci/health")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError("floci never answered /_floci/health:\n" + self.output())

    def stop(self, sig=signal.SIGTERM, timeout=15.0):
        """Signals the host and returns its exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self._release()
        return code

    def wait_exit(self, timeout=15.0):
        """Waits for a host that exits by itself (a refused start) and returns its code."""
        code = self.process.wait(timeout)
        self._release()
        return code

    def _release(self):
        if self._reader:
            self._reader.join(5)
        self.process.stdout.close()
        if self._tmp:
            self._tmp.cleanup()
            self._tmp = None

    def output(self):
        return "\n".join(self.lines)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- clients ------------------------------------------------------------------------
    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None, timeout=10):
        """One HTTP request on a new connection: (status, headers dict, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def call(self, target, payload, headers=None):
        """A JSON-protocol call: (status, parsed body, headers)."""
        all_headers = {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.0"}
        all_headers.update(headers or {})
        body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
        status, response_headers, data = self.request("POST", "/", body, all_headers)
        return status, json.loads(data) if data else None, response_headers

    def boto3_client(self, service, **kwargs):
        import boto3
        from botocore.config import Config

        config = Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30)
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test",
                            config=config, **kwargs)
