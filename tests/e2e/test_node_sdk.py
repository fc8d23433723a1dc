"""Runs the Node suite in tests/e2e/node (AWS SDK for JavaScript v3) against a fresh host.

node_modules comes from `npm ci` in tests/e2e/node (scripts/floci test runs it when
package-lock.json is there); without it the test fails and says so rather than skipping."""
import os
import shutil
import subprocess
import unittest

from floci_host import FlociHost

NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node")


class NodeSdkTest(unittest.TestCase):
    def test_node_suite(self):
        node = shutil.which("node")
        self.assertIsNotNone(node, "node is not installed (needed by tests/e2e/node)")
        modules = os.path.join(NODE_DIR, "node_modules", "@aws-sdk", "client-dynamodb")
        self.assertTrue(os.path.isdir(modules),
                        "tests/e2e/node/node_modules is missing: run `npm ci` in tests/e2e/node "
                        "(scripts/floci test does)")
        with FlociHost() as host:
            env = dict(os.environ, FLOCI_ENDPOINT=host.endpoint)
            run = subprocess.run([node, "--test"], cwd=NODE_DIR, env=env, capture_output=True,
                                 text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertRegex(run.stdout, r"# pass [1-9]", "node --test found no tests:\n" + run.stdout)


if __name__ == "__main__":
    unittest.main()
