#!/usr/bin/env python3
"""Open a running Canting as people do and fail on the first thing that is not as it must be.

    python3 .ci/smoke.py --base http://127.0.0.1:8000 [--host canting.example.id --https] --user U --password P
                         [--passport CODE] [--rate-limit N]

--host sends that Host header (the reverse proxy's); --https says the proxy terminated TLS (X-Forwarded-Proto),
as production requires. Standard library only, so it runs beside an install made without the test tools.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import urllib.parse

FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.(css|js|svg|png|ico)$")


class Failure(Exception):
    pass


class Browser:
    """One client: keeps its cookies (secure ones too: TLS ends at the proxy), sends the proxy's headers."""

    def __init__(self, base: str, host: str | None, https: bool) -> None:
        parts = urllib.parse.urlsplit(base)
        self.netloc = parts.netloc
        self.host = host or parts.netloc
        self.https = https
        self.cookies: dict[str, str] = {}
        self.passport_requests = 0

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.netloc, timeout=60)
        sent = {"Host": self.host, "User-Agent": "canting-smoke", **(headers or {})}
        if self.https:
            sent["X-Forwarded-Proto"] = "https"
            sent.setdefault("X-Forwarded-For", "198.51.100.20")
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            origin = ("https://" if self.https else "http://") + self.host
            sent["Origin"], sent["Referer"] = origin, origin + path
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        answered = {name.lower(): value for name, value in response.getheaders()}
        connection.close()
        return response.status, answered, content

    def get(self, path: str, expect: int = 200, **headers: str) -> tuple[dict[str, str], str]:
        status, answered, content = self.request("GET", path, headers=headers)
        if status != expect:
            raise Failure(f"GET {path} answered {status}, not {expect}: {content[:300]!r}")
        print(f"ok  {status} GET {path}")
        return answered, content.decode("utf-8", "replace")

    def sign_in(self, user: str, password: str) -> None:
        _, page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise Failure("the login page has no CSRF token")
        status, answered, content = self.request(
            "POST", "/login/", {"csrfmiddlewaretoken": token.group(1), "username": user, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise Failure(f"signing in as {user} answered {status}: {content[:300]!r}")
        print(f"ok  signed in as {user}, sent on to {answered.get('location')}")


def check_static(browser: Browser, page: str) -> None:
    """Every stylesheet and script a page names is fingerprinted, compressed and cached for a year."""
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page)
    if not assets:
        raise Failure("the page names no static stylesheet or script")
    for asset in assets:
        if not FINGERPRINTED.search(asset):
            raise Failure(f"{asset} is not fingerprinted: was collectstatic run in production mode?")
        for encoding in ("br", "gzip"):
            answered, _ = browser.get(asset, **{"Accept-Encoding": encoding})
            if answered.get("content-encoding") != encoding:
                raise Failure(f"{asset} was not served {encoding}-compressed: {answered}")
            if "max-age=315360000" not in answered.get("cache-control", ""):
                raise Failure(f"{asset} has no long cache header: {answered.get('cache-control')}")
    print(f"ok  {len(assets)} static files fingerprinted, served with Brotli and gzip, cached for a year")


def check_rate_limit(browser: Browser, limit: int) -> None:
    """One client address gets exactly `limit` passports in the window (PASSPORT_RATE), however many workers answer."""
    statuses = []
    for _ in range(limit + 8):
        status, _, _ = browser.request("GET", "/en/passport/ABCDEFGHJKM/")
        statuses.append(status)
    allowed = limit - browser.passport_requests
    if statuses.count(404) != allowed or statuses.count(429) != len(statuses) - allowed:
        raise Failure(f"with a limit of {limit} the passport answered {statuses}")
    print(f"ok  the passport limit held at {limit} across the workers ({statuses.count(429)} refused)")


def check_label_sheets(browser: Browser, prefix: str) -> None:
    """Every QR code on every label sheet opens an address under ``prefix`` (needs pdftoppm and zxing-cpp)."""
    import subprocess
    import tempfile
    from pathlib import Path

    import zxingcpp  # the test tools' QR reader
    from PIL import Image

    _, runs = browser.get("/quality/labels/")
    sheets = sorted(set(re.findall(r'href="(/quality/labels/\d+/)"', runs)))
    if not sheets:
        raise Failure("no label run is listed")
    found: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for number, run in enumerate(sheets):
            status, _, pdf = browser.request("GET", run + "sheet.pdf")
            if status != 200 or not pdf.startswith(b"%PDF"):
                raise Failure(f"{run}sheet.pdf answered {status}")
            source = Path(folder) / f"sheet{number}.pdf"
            source.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(source.with_suffix(""))], check=True)  # noqa: S603,S607
            for page in sorted(Path(folder).glob(f"sheet{number}-*.png")):
                found += [result.text for result in zxingcpp.read_barcodes(Image.open(page))]
    wrong = [url for url in found if not url.startswith(prefix)]
    if not found or wrong:
        raise Failure(f"{len(wrong)} of {len(found)} QR codes do not open {prefix}: {wrong[:3]}")
    print(f"ok  all {len(found)} QR codes on {len(sheets)} label sheets open {prefix}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--host")
    parser.add_argument("--https", action="store_true")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--passport", help="a label code the demo printed")
    parser.add_argument("--rate-limit", type=int)
    parser.add_argument("--label-sheets", metavar="PREFIX", help="only: every label QR code opens PREFIX")
    args = parser.parse_args(argv)
    browser = Browser(args.base, args.host, args.https)
    if args.label_sheets:
        browser.sign_in(args.user, args.password)
        check_label_sheets(browser, args.label_sheets)
        return

    _, health = browser.get("/healthz/")
    if json.loads(health)["status"] != "ok":
        raise Failure(f"/healthz/ says {health}")
    browser.get("/favicon.ico")
    _, products = browser.get("/en/products/")
    check_static(browser, products)
    product = re.search(r'href="(/en/products/[\w-]+/)"', products)
    if product is None:
        raise Failure("the showcase lists no product")
    browser.get(product.group(1))
    browser.get("/id/")
    if args.passport:
        answered, _ = browser.get(f"/p/{args.passport}", expect=302)  # the address in the label's QR code
        _, passport = browser.get(urllib.parse.urlsplit(answered["location"]).path)
        browser.passport_requests += 1
        if args.passport not in passport:
            raise Failure("the passport page does not show its code")
    browser.sign_in(args.user, args.password)
    for page in ("/", "/registry/enterprises/", "/registry/centres/", "/dashboard/"):
        browser.get(page)
    if args.rate_limit:
        check_rate_limit(browser, args.rate_limit)
    print("smoke: every page answered as it must")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Failure as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
