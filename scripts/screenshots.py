"""Take screenshots of the main pages of a running orglife (for looking at the UI).

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 PASSWORD [OUTDIR]

Signs in as each demo account and saves desktop and phone screenshots of its pages.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "secretary_a": ["/", "/orgs/", "/review/materials/", "/ledger/", "/review/similar/"],
    "reviewer": ["/", "/review/similar/", "/ledger/"],
    "member_a": ["/", "/review/"],
}


def main() -> None:
    base, password = sys.argv[1], sys.argv[2]
    out = Path(sys.argv[3] if len(sys.argv) > 3 else "var/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for user, paths in PAGES.items():
            for label, viewport in (
                ("desktop", {"width": 1280, "height": 900}),
                ("phone", {"width": 390, "height": 844}),
            ):
                ctx = browser.new_context(locale="zh-CN", viewport=viewport)
                page = ctx.new_page()
                page.goto(f"{base}/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", password)
                page.click("button[type=submit]")
                page.wait_for_load_state("networkidle")
                for path in paths:
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    name = f"{user}-{label}{path.replace('/', '_') or '_'}.png"
                    page.screenshot(path=str(out / name), full_page=True)
                    print(out / name, page.title())
                ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
