"""Canting used as people use it: follow the links on the pages, not a list of URLs.

As a visitor, an artisan, an assessor and an officer, in Indonesian and in English, on the demo, a crawler starts
from the home page and follows every same-site link it finds (at most a few addresses of each kind of page, so
that it reaches every kind without visiting all 75 pieces). It fails on any 5xx, any 4xx, a link to nowhere, and
a page that shows a raw template tag or a Python ``None``. On every list it meets, "next" must show other items,
and an export taken under a filter must hold exactly the filtered rows.
"""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation
from openpyxl import load_workbook

from canting.core.models import User

pytestmark = pytest.mark.django_db

PER_KIND = 2  # addresses of one kind of page (same view, same query keys) visited at most
MAX_PAGES = 450
# Not pages: the way out, the language switch (a POST), file and feed addresses checked without parsing.
SKIP = ("/logout/", "/i18n/", "/admin/")
FILES = ("/media/", "/static/")
RAW_TAG = re.compile(r"\{%|%\}|\{\{|\}\}")
PYTHON_NONE = re.compile(r"(?<![\w-])None(?![\w-])")


class _Page(HTMLParser):
    """Links, and the visible text outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag in ("input", "option") and values.get("value") == "None":
            self.text.append("value=None")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


@dataclass
class Crawl:
    client: Client
    start: str
    problems: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    kinds: Counter[tuple[str, tuple[str, ...]]] = field(default_factory=Counter)
    indonesian: bool = True
    paged: int = 0
    exported: int = 0

    def kind(self, address: str) -> tuple[str, tuple[str, ...]] | None:
        parts = urlsplit(address)
        prefix = parts.path.split("/")[1]
        try:
            with translation.override(prefix if prefix in ("id", "en") else None):  # /en/ resolves in English
                match = resolve(parts.path)
        except Resolver404:
            self.problems.append(f"link to nowhere: {address}")
            return None
        # Paging, sorting and export are checked on each list by themselves; other query keys make other pages.
        keys = {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)} - {"page", "sort", "ordering", "format"}
        return match.view_name, tuple(sorted(keys))

    def run(self) -> Crawl:
        queue: deque[tuple[str, str]] = deque([(self.start, "(start)")])
        while queue and len(self.seen) < MAX_PAGES:
            address, found_on = queue.popleft()
            if address in self.seen:
                continue
            kind = self.kind(address)
            if kind is None or self.kinds[kind] >= PER_KIND:
                continue
            self.kinds[kind] += 1
            self.seen.add(address)
            for link in self.visit(address, found_on):
                if link not in self.seen:
                    queue.append((link, address))
        return self

    def visit(self, address: str, found_on: str) -> list[str]:
        response = self.client.get(address)
        if response.status_code in (301, 302):
            target = urljoin(address, response["Location"])
            if urlsplit(target).netloc and urlsplit(target).netloc != "testserver":
                return []
            return [target] if not target.startswith(SKIP) else []
        if response.status_code != 200:
            self.problems.append(f"{response.status_code} at {address} (linked from {found_on})")
            return []
        if not response.get("Content-Type", "").startswith("text/html"):
            return []
        html = response.content.decode()
        page = _Page()
        page.feed(html)
        text = " ".join(page.text)
        if RAW_TAG.search(text):
            self.problems.append(f"raw template tag at {address}: {RAW_TAG.search(text)}")
        # Python's None shows as a whole text ("None" in a cell); English prose may say "None yet", Indonesian never.
        nones = [t for t in page.text if t.strip() == "None" or (self.indonesian and PYTHON_NONE.search(t))]
        if nones:
            self.problems.append(f"'None' shown at {address}: {nones[0].strip()[:80]!r}")
        context = response.context
        if context is not None and context.get("page_obj") is not None:
            self.check_next_page(address, page.links, context)
            self.check_filtered_export(address, context)
        links = []
        for href in page.links:
            target = urljoin(address, href)
            parts = urlsplit(target)
            if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local.startswith(SKIP) or local == address:
                continue
            if local.startswith(FILES):
                if local not in self.seen:
                    self.seen.add(local)
                    status = self.client.get(local).status_code
                    if status != 200:
                        self.problems.append(f"{status} for the file {local} (linked from {address})")
                continue
            links.append(local)
        return links

    def check_next_page(self, address: str, links: list[str], context: Any) -> None:
        page_obj = context["page_obj"]
        if not page_obj.has_next():
            return
        wanted = str(page_obj.number + 1)
        nexts = [
            urljoin(address, h)
            for h in links
            if dict(parse_qsl(urlsplit(urljoin(address, h)).query)).get("page") == wanted
        ]
        if not nexts:
            self.problems.append(f"no link to page {wanted} at {address}")
            return
        following = self.client.get(nexts[0])
        if following.status_code != 200 or following.context is None:
            self.problems.append(f"{following.status_code} for the next page {nexts[0]}")
            return
        now = [getattr(o, "pk", None) or repr(o) for o in page_obj.object_list]
        then = [getattr(o, "pk", None) or repr(o) for o in following.context["page_obj"].object_list]
        if following.context["page_obj"].number != page_obj.number + 1 or not then or set(now) & set(then):
            self.problems.append(f"'next' at {address} did not show the next items ({nexts[0]})")
        self.paged += 1

    def check_filtered_export(self, address: str, context: Any) -> None:
        """Choose the list's first offered filter value, then export: the workbook holds the filtered rows."""
        filterset = context.get("filter")
        if filterset is None or "format" in address:
            return
        chosen = None
        for name, form_field in filterset.form.fields.items():
            choices = [str(v) for v, _ in getattr(form_field, "choices", []) if v not in ("", None)]
            if choices and name not in ("ordering", "sort", "per_page", "format"):
                chosen = (name, choices[0])
                break
        if chosen is None:
            return
        parts = urlsplit(address)
        query = dict(parse_qsl(parts.query))
        query.pop("page", None)
        query[chosen[0]] = chosen[1]
        filtered = self.client.get(f"{parts.path}?{urlencode(query)}")
        if filtered.status_code != 200 or filtered.context is None or filtered.context.get("paginator") is None:
            self.problems.append(f"{filtered.status_code} when filtering {address} by {chosen}")
            return
        page = _Page()
        page.feed(filtered.content.decode())
        exports = [h for h in page.links if "format=xlsx" in h]
        if not exports:
            return
        export = urljoin(f"{parts.path}?{urlencode(query)}", exports[0])
        if dict(parse_qsl(urlsplit(export).query)).get(chosen[0]) != chosen[1]:
            self.problems.append(f"the export link at {address} drops the filter {chosen}: {export}")
            return
        answer = self.client.get(export)
        if answer.status_code != 200:
            self.problems.append(f"{answer.status_code} for the export {export}")
            return
        sheet = load_workbook(io.BytesIO(answer.content), read_only=True).worksheets[0]
        rows = sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(v is not None for v in row))
        if rows != filtered.context["paginator"].count:
            self.problems.append(
                f"export of {address} by {chosen}: {rows} rows, the list shows {filtered.context['paginator'].count}"
            )
        self.exported += 1


@pytest.fixture
def demo(demo_loaded: Any, db: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = demo_loaded  # the demo's pictures


def crawl_as(username: str | None, language: str) -> Crawl:
    client = Client()
    if username is not None:
        client.force_login(User.objects.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        start = "/"
    else:
        start = f"/{language}/"
    return Crawl(client, start, indonesian=language == "id").run()


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("username", [None, "perajin", "asesor", "petugas"])
def test_every_link_a_person_can_follow_works(demo: None, username: str | None, language: str) -> None:
    crawl = crawl_as(username, language)
    views = {view for view, _ in crawl.kinds}
    print(f"{len(crawl.seen)} addresses, {len(views)} views, {crawl.paged} paged, {crawl.exported} exported")
    assert "\n".join(crawl.problems) == ""
    assert len(crawl.seen) > 15, sorted(crawl.seen)  # the crawl went somewhere
    if username in (None, "petugas"):
        assert crawl.paged, "no list was paged"
    if username == "petugas":
        assert crawl.exported >= 5, crawl.exported
