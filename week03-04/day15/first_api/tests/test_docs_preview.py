"""Day 15: the offline docs page used for the screenshot shows every route."""

import pytest

from main import app
from scripts.docs_preview import describe_schema, render_openapi

pytestmark = pytest.mark.day(15)


def test_offline_docs_page_shows_every_route_and_parameter() -> None:
    html = render_openapi(app.openapi())
    for expected in ["/items/{item_id}", "/search", "item_id", "max_price", "No item has this id"]:
        assert expected in html, f"Called render_openapi(). Got a page without {expected!r}"


def test_optional_parameter_schema_is_described_with_its_bounds() -> None:
    schema = {"anyOf": [{"type": "string", "maxLength": 50}, {"type": "null"}], "default": None}
    text = describe_schema(schema)
    assert text == "string | null (max length 50, default None)", (
        f"Called describe_schema(optional str). Got {text!r}, "
        "expected 'string | null (max length 50, default None)'"
    )
