"""Scale-out proof: Debian's nginx on loopback, configured from deploy/nginx.conf, in front of two app servers.

Drives the proxy with the browserless load generator (each session first GETs ``/`` to receive its route
cookie, as a browser does), alternating with the same load sent straight to one server, then checks from
nginx's access log that every route cookie stayed on one replica and loads a page through the proxy in
Chromium (which, unlike the load generator, sends an ``Origin`` that Streamlit checks against ``Host``).
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from bench import report
from bench.loadgen import Scenario, SliceResult, close_sessions, drive, open_sessions
from bench.servers import APP_SCRIPT, REPO, Server, free_port, wait_healthy

NGINX_CONF = REPO / "deploy" / "nginx.conf"
BROTLI_CONF = REPO / "deploy" / "nginx-brotli.conf"
BROTLI_INCLUDE = "include nginx-brotli*.conf;"  # in deploy/nginx.conf: the brotli directives, when next to it
BROTLI_MODULES = "/etc/nginx/modules-enabled/*brotli*.conf"  # Debian's load_module lines, which it includes
SCENARIOS = (
    Scenario("day step /recovery", "/recovery?treatment=eco2&day=0", step=True),
    Scenario("/compare", "/compare?vs=eco2,nafl-1550"),
)
LOG_LINE = re.compile(r'"GET (?P<path>\S+) [^"]*" (?P<status>\d+) route=(?P<route>\S+) upstream=(?P<up>\S+)')


def ensure_nginx() -> str:
    """Path of nginx, installing Debian's package first when missing and running as root."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("nginx is missing: apt-get install -y nginx")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=True, env=env)
    return "/usr/sbin/nginx"


def brotli_available() -> bool:
    """Whether this machine's nginx loads a brotli module (Debian's libnginx-mod-http-brotli-filter)."""
    return bool(glob.glob(BROTLI_MODULES))


def local_config(template: str, upstreams: Sequence[int], port: int, prefix: Path, brotli: bool = False) -> str:
    """deploy/nginx.conf with loopback replicas, a loopback listen port and files under ``prefix``.

    With ``brotli``, deploy/nginx-brotli.conf is included from where it is (it would sit next to nginx.conf).
    """
    # The replicas' parameters as deploy/nginx.conf gives them, less `resolve` (loopback addresses are not looked up).
    found = re.search(r"(?m)^\s*server app\d+:8501([^;]*);", template)
    params = " ".join(p for p in (found[1].split() if found else []) if p != "resolve")
    servers = "".join(f"        server 127.0.0.1:{p}{' ' + params if params else ''};\n" for p in upstreams)
    text = re.sub(r"(?m)^\s*server app\d+:8501[^;]*;\n", "", template)
    text = text.replace("keepalive 32;", servers.lstrip() + "        keepalive 32;")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    text = text.replace("/var/log/nginx/access.log", str(prefix / "access.log"))
    text = text.replace(BROTLI_INCLUDE, f"include {BROTLI_CONF};" if brotli else f"# {BROTLI_INCLUDE} (no brotli)")
    temp = "".join(f"    {kind}_temp_path {prefix / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                           "scgi"))  # fmt: skip
    text = text.replace("http {\n", "http {\n" + temp, 1)
    return f"pid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n" + text


def start_nginx(nginx: str, conf: Path) -> subprocess.Popen[bytes]:
    """Test the config, then run nginx in the foreground."""
    subprocess.run([nginx, "-t", "-q", "-c", str(conf)], check=True)
    return subprocess.Popen([nginx, "-c", str(conf), "-g", "daemon off;"])


def stickiness(access_log: Path) -> tuple[int, int, Counter[str]]:
    """Routes seen, routes that reached more than one replica, and websocket sessions per replica."""
    replicas: dict[str, set[str]] = defaultdict(set)
    streams: Counter[str] = Counter()
    for match in (LOG_LINE.search(line) for line in access_log.read_text().splitlines()):
        if match is None or not match["route"].startswith(tuple("0123456789abcdef")):
            continue
        replicas[match["route"]].add(match["up"])
        if match["path"].startswith("/_stcore/stream"):
            streams[match["up"]] += 1
    return len(replicas), sum(len(ups) > 1 for ups in replicas.values()), streams


async def compare(direct: Server, proxy_port: int, levels: Sequence[int], slice_s: float) -> list[SliceResult]:
    """For each level and scenario, a slice straight to one server, then one through the proxy."""
    results = []
    for count in levels:
        straight = await open_sessions(direct.address, direct.port, count)
        proxied = await open_sessions("127.0.0.1", proxy_port, count, want_cookie=True)
        for scenario in SCENARIOS:
            results.append(await drive("one server", straight, scenario, slice_s))
            results.append(await drive("nginx + 2", proxied, scenario, slice_s))
        await close_sessions(straight)
        await close_sessions(proxied)
    return results


def browser_check(url: str) -> str:
    """Load a page through the proxy in Chromium; 'ok' when it painted and its run finished."""
    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM, CHROMIUM_ARGS, paint_time

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        try:
            painted, done = paint_time(page, url)
            broken = page.get_by_text("Connection error").count()
            timing = f"painted {painted * 1000:.0f} ms, run done {done * 1000:.0f} ms"
            return "connection error" if broken else f"ok ({timing})"
        except Exception as exc:  # a failed check is reported, not raised
            return f"failed: {type(exc).__name__}"
        finally:
            browser.close()


def render(results: Sequence[SliceResult], sticky: tuple[int, int, Counter[str]], browser: str,
           args: argparse.Namespace) -> str:  # fmt: skip
    """The markdown section: throughput and errors, one server against the proxy, and the checks."""
    rows = []
    for r in results:
        rows.append([str(r.sessions), r.scenario.name, r.target, report.fmt(report.percentile(r.seconds, 50) * 1000),
                     report.fmt(report.percentile(r.seconds, 95) * 1000), report.fmt(r.throughput),
                     str(r.errors)])  # fmt: skip
    routes, split, streams = sticky
    spread = ", ".join(f"{up}: {n}" for up, n in sorted(streams.items())) or "none"
    errors = sum(r.errors for r in results)
    return "\n".join([
        "## Scale-out behind nginx", "",
        f"Command: `python -m bench.proxy --slice {args.slice} --sessions {args.sessions}`: Debian nginx "
        "with a config generated from `deploy/nginx.conf` (only the upstream addresses, listen port and file "
        f"paths changed; brotli {'on' if brotli_available() else 'off: this nginx has no brotli module'}) in front "
        "of two app servers, against the same load sent straight to one server.", "",
        report.table(["sessions", "scenario", "target", "p50 ms", "p95 ms", "reruns/s", "errors"], rows), "",
        f"- errors: {errors} — **{'met' if errors == 0 else 'NOT met'}**",
        f"- sticky sessions: {routes} route cookies, {split} reached more than one replica; "
        f"websocket sessions per replica: {spread}",
        f"- Chromium through the proxy (`/recovery`): {browser}", "",
    ])  # fmt: skip


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.proxy", description=__doc__.splitlines()[0])
    parser.add_argument("--slice", type=float, default=5.0, help="seconds per slice (default 5)")
    parser.add_argument("--sessions", default="10,30", help="concurrency levels (default 10,30)")
    parser.add_argument("--app", type=Path, default=APP_SCRIPT, help="app entry script")
    parser.add_argument("--output", type=Path, default=report.DOC_PATH, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Start two servers and nginx, measure, check stickiness and a real browser, write the report."""
    args = parse_args(argv)
    nginx = ensure_nginx()
    with tempfile.TemporaryDirectory(prefix="proxy-") as tmp, ExitStack() as stack:
        prefix = Path(tmp)
        apps = [stack.enter_context(Server(args.app, free_port(), prefix / f"app{i}.log")) for i in (1, 2)]
        port = free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(local_config(NGINX_CONF.read_text(), [a.port for a in apps], port, prefix, brotli_available()))
        proc = start_nginx(nginx, conf)
        stack.callback(proc.wait)
        stack.callback(proc.terminate)
        wait_healthy(f"http://127.0.0.1:{port}", proc)
        levels = [int(n) for n in args.sessions.split(",")]
        results = asyncio.run(compare(apps[0], port, levels, args.slice))
        browser = browser_check(f"http://127.0.0.1:{port}/recovery?treatment=eco2&day=5")
        sticky = stickiness(prefix / "access.log")
    body = render(results, sticky, browser, args)
    print(body)
    if not args.no_write:
        report.write_section("proxy", body, args.output)


if __name__ == "__main__":
    main()
