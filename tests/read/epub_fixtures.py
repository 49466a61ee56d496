"""Build small EPUBs for the reader tests (original text written for the tests).

A plain module, not a conftest.py: several test folders import their own `conftest`."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title>{head}</head>
<body{body_attrs}>{body}</body></html>"""


def opf(pages: list[str], metadata: str = "", extra_items: str = "", ncx: bool = False) -> str:
    """A package document listing the pages in spine order."""
    items = "".join(
        f'<item id="p{i}" href="{page}" media-type="application/xhtml+xml"/>'
        for i, page in enumerate(pages)
    )
    if ncx:
        items += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
    spine = "".join(f'<itemref idref="p{i}"/>' for i in range(len(pages)))
    toc = ' toc="ncx"' if ncx else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
{metadata}
</metadata>
<manifest>{items}{extra_items}</manifest>
<spine{toc}>{spine}</spine>
</package>"""


def page(body: str, title: str = "page", head: str = "", body_attrs: str = "") -> str:
    """An XHTML page."""
    return XHTML.format(title=title, head=head, body=body, body_attrs=body_attrs)


def write_zip(path: Path, members: dict[str, str | bytes], epub: bool = True) -> Path:
    """Write a ZIP (an EPUB: mimetype first, stored) with these members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if epub:
            archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return path
