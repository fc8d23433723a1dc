"""`cmake --install` ships the SDK: a plugin built out of tree with find_package(FlociSdk) is
loaded by the host and answers over HTTP."""
import os
import shutil
import subprocess
import tempfile
import unittest

from floci_host import BUILD_DIR, SOURCE_DIR, FlociHost


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


class SdkInstallTest(unittest.TestCase):
    def test_out_of_tree_plugin_builds_against_installed_sdk_and_serves(self):
        with tempfile.TemporaryDirectory(prefix="floci-sdk-") as tmp:
            prefix, build, plugins = (os.path.join(tmp, d) for d in ("prefix", "build", "plugins"))
            run("cmake", "--install", BUILD_DIR, "--prefix", prefix)
            self.assertTrue(os.path.exists(
                os.path.join(prefix, "include", "floci", "sdk", "abi.hpp")))
            configure = ["cmake", "-S", os.path.join(SOURCE_DIR, "tests", "sdk_consumer"),
                         "-B", build, "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}"]
            if shutil.which("ccache"):
                configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
            run(*configure)
            run("cmake", "--build", build)
            os.makedirs(plugins)
            shutil.copy(os.path.join(build, "libfloci_outoftree.so"), plugins)
            with FlociHost(plugin_dir=plugins) as host:
                status, body, _ = host.call("OutOfTree_20260101.Hello", {})
                self.assertEqual(status, 200, host.output())
                self.assertEqual(body, {"greeting": "hello from out of tree",
                                        "region": "us-east-1"})


if __name__ == "__main__":
    unittest.main()
