"""Pictures of the app for the README: serve it on the bundled data, open each page in headless Chromium at 1280 and
390 px wide, and write what the first screen shows into docs/img/, with the consult handout's first page.

    make screenshots            (or: python scripts/screenshots.py [--out docs/img])

Dates are relative to today (a patient four days after treatment, a consult two weeks ahead), so the pictures read
as they would on the day they are made.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.servers import Server, compress_static, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
HOST = "app.test"  # a network name (resolved to 127.0.0.1 by this browser only), so links and QR codes are made
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
]
PUBLIC_URL = "https://recovery.clinic.example"  # a reserved example name: QR codes and links show a clinic's form
SIZES = {1280: 800, 390: 844}  # a laptop and a phone's first screen
WAIT_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stSpinner"]');
}"""


def shots(today: date) -> list[tuple[str, str, str, tuple[int, ...]]]:
    """(file name, what it shows, path and query, widths) of each picture."""
    treated = (today - timedelta(days=4)).isoformat()
    consult = (today + timedelta(days=14)).isoformat()
    both = (1280, 390)
    return [
        ("overview", "Overview: the treatments at a glance", "/", both),
        ("recovery", "Day by day, four days after treatment", f"/recovery?treatment=eco2&start={treated}", both),
        ("recovery-es", "Day by day in Spanish", f"/recovery?treatment=eco2&start={treated}&lang=es", (390,)),
        ("collagen", "Collagen over months", "/collagen?treatment=eco2", both),
        ("compare", "Compare treatments", "/compare?vs=eco2,nafl-1550", both),
        ("consult", "Consult planner with a date", f"/consult?treatment=eco2&start={consult}&sessions=1", both),
        ("sources", "Sources", "/sources", both),
        ("display", "The waiting-room screen", "/display", (1280,)),
    ]


def wait_for_app(page) -> None:  # noqa: ANN001
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=60_000)
    page.wait_for_function(WAIT_JS, timeout=60_000)
    page.wait_for_timeout(1500)  # charts draw after the script has finished


def save_png(data: bytes, target: Path) -> None:
    """Write a PNG reduced to a 256-colour palette: a page of text and flat charts loses nothing visible."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(target, optimize=True)
    print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}: {target.stat().st_size // 1024} KiB")


def handout_png(pdf: bytes, target: Path) -> None:
    """The handout's first page as the patient holds it, at 110 dpi."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    bitmap = document[0].render(scale=110 / 72)
    out = io.BytesIO()
    bitmap.to_pil().save(out, "PNG")
    save_png(out.getvalue(), target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    compress_static()
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        data = example_data(Path(tmp))
        with (
            Server(
                REPO / "streamlit_app.py", free_port(), Path(tmp) / "server.log", env={"RECOVERY_DATA_DIR": str(data)}
            ) as server,
            sync_playwright() as pw,
        ):
            shoot(pw, server, args.out, today)
    write_index(args.out, today)
    return 0


def example_data(tmp: Path) -> Path:
    """The bundled data with a public address set, as a clinic would have it."""
    data = tmp / "data"
    shutil.copytree(REPO / "data", data)
    clinic = data / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + f"\npublic_url: {PUBLIC_URL}\n", encoding="utf-8")
    return data


def shoot(pw, server: Server, out: Path, today: date) -> None:  # noqa: ANN001
    """Every picture of shots(), and the handout's first page."""
    base = f"http://{HOST}:{server.port}"
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    for name, _title, path, widths in shots(today):
        for width in widths:
            context = browser.new_context(
                viewport={"width": width, "height": SIZES[width]},
                locale="en-GB",
                device_scale_factor=1,
                accept_downloads=True,
            )
            page = context.new_page()
            page.goto(base + path)
            wait_for_app(page)
            # elements whose code loads lazily (Plotly's on /consult) show a skeleton until it has loaded
            page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
            save_png(page.screenshot(), out / f"{name}-{width}.png")
            if name == "consult" and width == 1280:
                with page.expect_download() as download:
                    page.get_by_role("button", name="Download the handout (PDF)").click()
                handout_png(Path(download.value.path()).read_bytes(), out / "handout.png")
            context.close()
    browser.close()


def write_index(folder: Path, today: date) -> None:
    """docs/screenshots.md: every picture with what it shows, next to the pictures."""
    lines = [
        "# Screenshots",
        "",
        f"Made by `make screenshots` on {today.isoformat()} from the bundled data: what the "
        "first screen shows at 1280 px (a laptop) and 390 px (a phone).",
        "",
    ]
    for name, title, path, widths in shots(today):
        lines += [f"## {title}", "", f"`{path}`", ""]
        lines += [f'<img src="img/{name}-{w}.png" alt="{title}, {w} px wide" width="{min(w, 640)}">' for w in widths]
        lines.append("")
    lines += [
        "## The handout, first page",
        "",
        '<img src="img/handout.png" alt="The PDF handout\'s first page" width="500">',
        "",
    ]
    (folder.parent / "screenshots.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
