"""The host end to end: routing, errors, limits and robustness, with the hello test plugin."""
import concurrent.futures
import json
import os
import signal
import socket
import subprocess
import time
import unittest
import zlib

from floci_host import FlociHost, TEST_PLUGIN_DIR

PING = "FlociTest_20260101.Ping"
SIGV4 = ("AWS4-HMAC-SHA256 Credential={key}/20260101/{region}/{service}/aws4_request, "
         "SignedHeaders=host;x-amz-date, Signature=00")


def raw_exchange(port, data, read_timeout=5.0):
    """Sends raw bytes, returns everything the host sends back until it closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except socket.timeout:
            pass
        return b"".join(chunks)


def ping_request(body=b"{}", extra=""):
    return (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {PING}\r\n"
            f"Content-Length: {len(body)}\r\n{extra}\r\n").encode() + body


class HostTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.host = FlociHost(plugin_dir=TEST_PLUGIN_DIR,
                             env={"FLOCI_MAX_REQUEST_SIZE": "1", "FLOCI_THREADS": "2"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.host.__exit__(None, None, None)

    def test_health_paths_list_services(self):
        for path in ("/_floci/health", "/_localstack/health", "/health"):
            status, _, body = self.host.request("GET", path)
            self.assertEqual(status, 200, path)
            doc = json.loads(body)
            self.assertEqual(doc["services"]["hello"], "running")
            self.assertIn("version", doc)

    def test_head_health_has_length_and_no_body(self):
        reply = raw_exchange(self.host.port, b"HEAD /_floci/health HTTP/1.1\r\nHost: x\r\n"
                                             b"Connection: close\r\n\r\n")
        head, _, body = reply.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200"), reply)
        self.assertRegex(head, rb"Content-Length: [1-9]")
        self.assertEqual(body, b"")

    def test_health_with_curl(self):
        out = subprocess.run(["curl", "-sf", f"{self.host.endpoint}/_floci/health"],
                             capture_output=True, text=True, check=True).stdout
        self.assertEqual(json.loads(out)["services"]["hello"], "running")

    def test_broken_plugins_are_skipped_with_one_line_each(self):
        log = self.host.output()
        self.assertIn("libfloci_broken_badmajor.so skipped: ABI major version", log)
        self.assertIn("libfloci_broken_badminor.so skipped: ABI minor version", log)
        self.assertRegex(log, r"libfloci_broken_missingsym.so skipped: cannot load: .*"
                              r"floci_symbol_that_does_not_exist")
        self.assertIn("brokenthrowing skipped: create failed", log)
        self.assertIn("brokennostart skipped: start failed", log)
        status, _, body = self.host.request("GET", "/_floci/health")
        services = json.loads(body)["services"]
        self.assertEqual(services.get("brokennostart"), "error")
        self.assertNotIn("brokenbadmajor", services)

    def test_registry_keeps_good_exports_and_withdraws_failed_plugins(self):
        def found(name):
            return self.host.call("FlociTest_20260101.Lookup", {"name": name})[1]["found"]
        self.assertTrue(found("hello.iface/1"))
        self.assertFalse(found("brokennostart.iface/1"))   # start() failed
        self.assertFalse(found("brokenthrowing.iface/1"))  # create() threw
        self.assertFalse(found("brokenbadmajor.iface/1"))  # never created

    def test_ping_has_request_id_and_crc32(self):
        status, body, headers = self.host.call(PING, {})
        self.assertEqual((status, body), (200, {}))
        self.assertRegex(headers["x-amzn-RequestId"], r"^[0-9a-f-]{36}$")
        self.assertEqual(int(headers["X-Amz-Crc32"]), zlib.crc32(b"{}"))

    def test_json_1_1_content_type_is_accepted(self):
        status, body, _ = self.host.call(PING, {}, {"Content-Type": "application/x-amz-json-1.1"})
        self.assertEqual(status, 200)

    def test_region_and_account_come_from_the_credential_scope(self):
        auth = SIGV4.format(key="123456789012", region="eu-west-2", service="flocitest")
        _, body, _ = self.host.call("FlociTest_20260101.Info", {}, {"Authorization": auth})
        self.assertEqual((body["region"], body["account"]), ("eu-west-2", "123456789012"))
        auth = SIGV4.format(key="test", region="ap-south-1", service="flocitest")
        _, body, _ = self.host.call("FlociTest_20260101.Info", {}, {"Authorization": auth})
        self.assertEqual((body["region"], body["account"]), ("ap-south-1", "000000000000"))
        _, body, _ = self.host.call("FlociTest_20260101.Info", {})
        self.assertEqual((body["region"], body["account"]), ("us-east-1", "000000000000"))

    def test_unknown_target_prefix_is_unknown_operation(self):
        status, body, _ = self.host.call("NoSuchService_20990101.Do", {})
        self.assertEqual(status, 400)
        self.assertTrue(body["__type"].endswith("UnknownOperationException"))

    def test_unknown_action_is_answered_by_the_plugin(self):
        status, body, _ = self.host.call("FlociTest_20260101.Nope", {})
        self.assertEqual((status, body["__type"]), (400, "com.floci.test#UnknownOperationException"))

    def test_scope_of_unknown_service_is_unknown_operation(self):
        auth = SIGV4.format(key="test", region="us-east-1", service="sqs")
        status, _, body = self.host.request("POST", "/", b"{}", {"Authorization": auth})
        self.assertEqual(status, 400)
        self.assertIn("UnknownOperationException", json.loads(body)["__type"])

    def test_body_that_is_not_json_is_serialization_exception(self):
        for payload in (b"{not json", b"[1,2]", b"\xff\xfe"):
            status, body, _ = self.host.call(PING, payload)
            self.assertEqual(status, 400, payload)
            self.assertTrue(body["__type"].endswith("SerializationException"), payload)

    def test_plugin_exception_becomes_internal_server_error(self):
        status, body, _ = self.host.call("FlociTest_20260101.Throw", {})
        self.assertEqual((status, body["__type"]), (500, "com.floci.test#InternalServerError"))

    def test_reply_from_another_thread_arrives(self):
        for _ in range(20):
            self.assertEqual(self.host.call("FlociTest_20260101.Later", {})[0], 200)

    def test_storage_round_trip(self):
        self.assertEqual(self.host.call("FlociTest_20260101.Put", {"key": "k", "value": "v"})[0],
                         200)
        self.assertEqual(self.host.call("FlociTest_20260101.Get", {"key": "k"})[1], {"value": "v"})

    def test_oversized_content_length_is_413_before_the_body(self):
        head = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {PING}\r\n"
                f"Content-Length: {2 << 20}\r\n\r\n").encode()
        reply = raw_exchange(self.host.port, head)  # no body sent at all
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:80])
        self.assertIn(b"FLOCI_MAX_REQUEST_SIZE", reply)

    def test_oversized_chunked_body_is_413(self):
        chunk = b"x" * 65536
        body = (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 20 + b"0\r\n\r\n"
        head = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {PING}\r\n"
                "Transfer-Encoding: chunked\r\n\r\n").encode()
        reply = raw_exchange(self.host.port, head + body)
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:80])

    def test_garbage_bytes_get_400_and_the_host_survives(self):
        for garbage in (b"\x00\x01\x02 garbage \r\n\r\n", os.urandom(4096),
                        b"GET / HTTP/9.9\r\n\r\n", b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"):
            reply = raw_exchange(self.host.port, garbage, read_timeout=2)
            self.assertTrue(reply == b"" or reply.startswith(b"HTTP/1.1 4"), reply[:80])
        self.assertEqual(self.host.call(PING, {})[0], 200)

    def test_huge_header_is_rejected(self):
        reply = raw_exchange(self.host.port, ping_request(extra=f"X-Big: {'a' * 70000}\r\n"))
        self.assertTrue(reply.startswith(b"HTTP/1.1 431"), reply[:80])

    def test_silent_connection_does_not_block_others(self):
        idle = [socket.create_connection(("127.0.0.1", self.host.port)) for _ in range(8)]
        half = socket.create_connection(("127.0.0.1", self.host.port))
        half.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")  # never finished
        try:
            start = time.monotonic()
            for _ in range(10):
                self.assertEqual(self.host.call(PING, {})[0], 200)
            self.assertLess(time.monotonic() - start, 5)
        finally:
            for sock in idle + [half]:
                sock.close()

    def test_pipelined_requests_are_answered_in_order(self):
        bodies = [json.dumps({"n": i}).encode() for i in range(5)]
        data = b"".join(
            (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: FlociTest_20260101.Echo\r\n"
             f"Content-Length: {len(b)}\r\n\r\n").encode() + b for b in bodies)
        with socket.create_connection(("127.0.0.1", self.host.port), timeout=5) as sock:
            sock.sendall(data)
            received = b""
            while received.count(b"HTTP/1.1 200") < 5 or not received.endswith(b"}"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
        positions = [received.find(b) for b in bodies]
        self.assertTrue(all(p > 0 for p in positions), received)
        self.assertEqual(positions, sorted(positions))

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.host.port, timeout=5)
        for _ in range(50):
            conn.request("POST", "/", b"{}", {"X-Amz-Target": PING})
            response = conn.getresponse()
            self.assertEqual(response.status, 200)
            response.read()
        conn.close()

    def test_many_large_bodies_on_one_connection(self):
        # Regression: per-request JSON memory must not grow from request to request.
        import http.client
        body = json.dumps({"blob": "x" * 200_000}).encode()
        conn = http.client.HTTPConnection("127.0.0.1", self.host.port, timeout=10)
        for _ in range(40):
            conn.request("POST", "/", body, {"X-Amz-Target": "FlociTest_20260101.Echo"})
            response = conn.getresponse()
            self.assertEqual((response.status, len(response.read())), (200, len(body)))
        conn.close()

    def test_200_concurrent_connections(self):
        socks = [socket.create_connection(("127.0.0.1", self.host.port), timeout=10)
                 for _ in range(200)]
        try:
            for sock in socks:
                sock.sendall(ping_request())
            for sock in socks:
                reply = b""
                while b"\r\n\r\n{}" not in reply:
                    chunk = sock.recv(4096)
                    self.assertTrue(chunk, "connection closed early")
                    reply += chunk
                self.assertTrue(reply.startswith(b"HTTP/1.1 200"))
        finally:
            for sock in socks:
                sock.close()

    def test_parallel_clients(self):
        def work(_):
            return [self.host.call(PING, {})[0] for _ in range(20)]
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            results = [s for batch in pool.map(work, range(32)) for s in batch]
        self.assertEqual(set(results), {200})

    def test_cors_is_off_by_default(self):
        status, headers, _ = self.host.request("GET", "/_floci/health",
                                               headers={"Origin": "http://app.test"})
        self.assertNotIn("Access-Control-Allow-Origin", headers)


class HostConfigTest(unittest.TestCase):
    def test_disabled_service_is_available_but_not_served(self):
        with FlociHost(plugin_dir=TEST_PLUGIN_DIR,
                       env={"FLOCI_SERVICES_HELLO_ENABLED": "false"}) as host:
            status, body, _ = host.call(PING, {})
            self.assertEqual((status, body["__type"]), (400, "com.floci.test#ServiceNotAvailableException"))
            _, _, health = host.request("GET", "/_floci/health")
            self.assertEqual(json.loads(health)["services"]["hello"], "available")

    def test_bad_values_stop_startup_naming_the_variable(self):
        for env, needle in (({"FLOCI_PORT": "abc"}, "FLOCI_PORT=abc"),
                            ({"FLOCI_STORAGE_MODE": "disk"}, "FLOCI_STORAGE_MODE=disk"),
                            ({"FLOCI_THREADS": "-3"}, "FLOCI_THREADS=-3"),
                            ({"FLOCI_BIND_ADDRESS": "not-an-ip"}, "FLOCI_BIND_ADDRESS")):
            host = FlociHost(plugin_dir=TEST_PLUGIN_DIR, env=env, wait_ready=False).start()
            self.assertEqual(host.wait_exit(), 1, env)
            self.assertIn(needle, host.output())

    def test_sigterm_and_sigint_exit_cleanly(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with FlociHost(plugin_dir=TEST_PLUGIN_DIR) as host:
                self.assertEqual(host.call(PING, {})[0], 200)
                self.assertEqual(host.stop(sig), 0)
                self.assertIn("stopped", host.output())

    def test_cors_preflight_and_headers_when_enabled(self):
        env = {"FLOCI_CORS_ALLOWED_ORIGINS": "http://app.test",
               "FLOCI_CORS_EXPOSE_HEADERS": "x-amzn-RequestId"}
        with FlociHost(plugin_dir=TEST_PLUGIN_DIR, env=env) as host:
            status, headers, _ = host.request("OPTIONS", "/", headers={
                "Origin": "http://app.test", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "x-amz-target,content-type"})
            self.assertEqual(status, 200)
            self.assertEqual(headers["Access-Control-Allow-Origin"], "http://app.test")
            self.assertIn("POST", headers["Access-Control-Allow-Methods"])
            self.assertIn("x-amz-target", headers["Access-Control-Allow-Headers"])
            _, _, headers = host.call(PING, {}, {"Origin": "http://app.test"})
            self.assertEqual(headers["Access-Control-Expose-Headers"], "x-amzn-RequestId")
            _, _, headers = host.call(PING, {}, {"Origin": "http://evil.test"})
            self.assertNotIn("Access-Control-Allow-Origin", headers)


if __name__ == "__main__":
    unittest.main()
