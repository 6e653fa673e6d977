"""Start and stop Streamlit server processes for the benchmarks, and read their memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from bench.protocol import HEALTH_PATH

REPO = Path(__file__).resolve().parent.parent
APP_SCRIPT = REPO / "streamlit_app.py"
FLOOR_SCRIPT = REPO / "bench" / "floor_app.py"
SERVE = REPO / "serve.py"  # how `make run` serves a script: compressed static files, same config
START_TIMEOUT_S = 60.0


def free_port() -> int:
    """Ask the OS for a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A ``streamlit run`` process on a loopback port, with its log file."""

    script: Path
    port: int
    log_path: Path
    address: str = "127.0.0.1"
    options: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base HTTP address of the server."""
        return f"http://{self.address}:{self.port}"

    @property
    def pid(self) -> int:
        """Process id of the running server."""
        assert self.process is not None, "server not started"
        return self.process.pid

    def command(self) -> list[str]:
        """The command line, as `make run` serves the app (serve.py, with the script in RECOVERY_SCRIPT)."""
        return [
            sys.executable, "-m", "streamlit", "run", str(SERVE),
            "--server.port", str(self.port), "--server.address", self.address,
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            *(f"--{option}" for option in self.options),
        ]  # fmt: skip

    def start(self) -> Server:
        """Start the process from the repo root (so .streamlit/config.toml applies) and wait for health."""
        log = self.log_path.open("ab")
        env = {**os.environ, "RECOVERY_SCRIPT": str(self.script), **self.env}
        self.process = subprocess.Popen(self.command(), cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env)
        wait_healthy(self.url, self.process)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop the process (SIGTERM by default, SIGKILL to simulate a crash) and reap it."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def wait_healthy(base_url: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll ``/_stcore/health`` until it answers ok, failing early if the process died."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urlopen(base_url + HEALTH_PATH, timeout=2) as response:
                if response.status == 200:
                    return
        except (URLError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base_url} not healthy after {START_TIMEOUT_S:.0f} s")


def compress_static() -> None:
    """Prepare the compressed copy of Streamlit's static files, as `make run` does (at once when done before)."""
    subprocess.run([sys.executable, str(SERVE), "compress"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def parse_cpu_seconds(stat: str, ticks_per_second: int) -> float:
    """User plus system CPU seconds from the text of ``/proc/<pid>/stat`` (fields 14 and 15, all threads)."""
    fields = stat.rsplit(")", 1)[1].split()  # the command name (field 2) may contain spaces and parentheses
    return (int(fields[11]) + int(fields[12])) / ticks_per_second


def cpu_seconds(pid: int) -> float:
    """CPU time (utime + stime) a process has used so far, in seconds."""
    return parse_cpu_seconds(Path(f"/proc/{pid}/stat").read_text(), os.sysconf("SC_CLK_TCK"))


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (psutil when installed, else /proc/<pid>/status VmRSS)."""
    try:
        import psutil  # type: ignore[import-untyped]

        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except ImportError:
        pass
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ProcessLookupError(pid)


def machine_description() -> dict[str, str]:
    """Cores, CPU model, Python and Streamlit versions, for the report header."""
    import platform

    import streamlit

    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "kernel": platform.release(),
    }
