"""A city's SVG logo, parsed with defusedxml and stripped of anything active.

Pure: no Flask, no database. The logo is served from the city's host and shown
on the network's pages, so whatever could run or fetch in it is removed:
``<script>``, ``<foreignObject>`` and other embedding elements, animation
elements (``<set>`` can turn an ``href`` into ``javascript:``), every ``on…``
attribute, links other than to a fragment of the logo itself or an embedded
raster image, and styles that import or fetch. A document type or entity
(the "billion laughs") is refused by defusedxml before anything expands, and
markup that does not parse is refused.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
STRIPPED_TAGS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "set",
        "animate",
        "animatemotion",
        "animatetransform",
        "animatecolor",
        "discard",
    }
)
_RASTER = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")
# In a style: an import, a fetched url() (anything but a fragment or an
# embedded raster), script-ish values from old browsers.
_ACTIVE_STYLE = re.compile(
    r"@import|url\(\s*['\"]?(?!#|data:image/(?:png|jpeg|gif|webp);)"
    r"|expression\s*\(|javascript:|behaviou?r\s*:|-moz-binding",
    re.IGNORECASE,
)


class LogoError(ValueError):
    """The logo cannot be used; ``code`` is ``logo_svg`` or ``logo_active``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_logo(text: str) -> ElementTree.Element:
    """The logo's root ``<svg>`` element, parsed safely."""
    try:
        root = fromstring(text, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise LogoError(
            "logo_active", "document types and entities are not allowed"
        ) from exc
    except ElementTree.ParseError as exc:
        raise LogoError("logo_svg", f"not valid SVG: {exc}") from exc
    if local_name(root.tag) != "svg":
        raise LogoError("logo_svg", "not valid SVG: the root is not <svg>")
    return root


def sanitise_logo(text: str) -> str:
    """The logo as markup with everything active removed (see the module)."""
    root = parse_logo(text)
    _clean(root)
    ElementTree.register_namespace("", SVG_NS)
    ElementTree.register_namespace("xlink", XLINK_NS)
    return ElementTree.tostring(root, encoding="unicode")


def active_parts(text: str) -> list[str]:
    """What :func:`sanitise_logo` would remove, e.g. ``["<script>", "onload"]``."""
    found: list[str] = []
    for element in parse_logo(text).iter():
        if local_name(element.tag) in STRIPPED_TAGS:
            found.append(f"<{local_name(element.tag)}>")
        found += [local_name(a) for a, v in element.attrib.items() if _bad(a, v)]
        if local_name(element.tag) == "style" and _ACTIVE_STYLE.search(
            element.text or ""
        ):
            found.append("<style>")
    return found


def local_name(name: object) -> str:
    return str(name).rsplit("}", 1)[-1].lower()


def _clean(element: ElementTree.Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or local_name(child.tag) in STRIPPED_TAGS:
            element.remove(child)  # comments and processing instructions go too
            continue
        if local_name(child.tag) == "style" and _ACTIVE_STYLE.search(child.text or ""):
            element.remove(child)
            continue
        _clean(child)
    for name in [a for a, v in element.attrib.items() if _bad(a, v)]:
        del element.attrib[name]


def _bad(attribute: str, value: str) -> bool:
    name = local_name(attribute)
    if name.startswith("on"):
        return True
    if name == "href" or name == "src":
        target = re.sub(r"\s+", "", value)
        return not (target.startswith("#") or _RASTER.match(target))
    if name == "style":
        return bool(_ACTIVE_STYLE.search(value))
    return False
