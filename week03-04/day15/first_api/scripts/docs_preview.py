"""An offline rendering of the app's OpenAPI schema, for the docs screenshot.

/docs loads Swagger UI's JavaScript from a CDN, which a machine without internet
cannot reach: the page stays blank. This page is drawn on the server from the same
/openapi.json, with no JavaScript, so it can be screenshotted anywhere.
"""

from html import escape
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

METHOD_COLOURS = {"get": "#61affe", "post": "#49cc90", "put": "#fca130", "delete": "#f93e3e"}
CONSTRAINTS = {
    "minimum": ">=",
    "exclusiveMinimum": ">",
    "maximum": "<=",
    "exclusiveMaximum": "<",
    "minLength": "min length",
    "maxLength": "max length",
}
STYLE = """
body { font-family: sans-serif; margin: 24px 40px; color: #3b4151; }
h1 small { font-size: 14px; background: #7d8492; color: white; padding: 2px 8px;
  border-radius: 10px; vertical-align: middle; }
.op { border: 1px solid; border-radius: 4px; margin: 10px 0; }
.op-head { padding: 8px; display: flex; gap: 12px; align-items: center; }
.method { color: white; font-weight: bold; width: 70px; text-align: center;
  padding: 6px 0; border-radius: 3px; }
.path { font-family: monospace; font-size: 16px; font-weight: bold; }
table { border-collapse: collapse; margin: 0 8px 8px 90px; font-size: 13px; }
td, th { text-align: left; padding: 2px 14px 2px 0; }
code { background: #eef; padding: 0 3px; }
"""


def describe_schema(schema: dict[str, Any]) -> str:
    """Render a parameter schema as 'type (constraints)', flattening Optional."""
    variants = schema.get("anyOf", [schema])
    types = [variant.get("type", "object") for variant in variants]
    rules = [
        f"{label} {variant[key]}"
        for variant in variants
        for key, label in CONSTRAINTS.items()
        if key in variant
    ]
    if "default" in schema:
        rules.append(f"default {schema['default']}")
    text = " | ".join(types)
    return f"{text} ({', '.join(rules)})" if rules else text


def render_operation(path: str, method: str, operation: dict[str, Any]) -> str:
    """Render one route: method badge, path, summary, parameters and responses."""
    colour = METHOD_COLOURS.get(method, "#999")
    rows = "".join(
        f"<tr><td><code>{escape(p['name'])}</code>{' *' if p.get('required') else ''}</td>"
        f"<td>{p['in']}</td><td>{escape(describe_schema(p['schema']))}</td></tr>"
        for p in operation.get("parameters", [])
    )
    codes = ", ".join(
        f"{code} {escape(resp['description'])}" for code, resp in operation["responses"].items()
    )
    table = f"<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>{rows}</table>"
    return (
        f'<div class="op" style="border-color:{colour};background:{colour}1a">'
        f'<div class="op-head"><span class="method" style="background:{colour}">'
        f'{method.upper()}</span><span class="path">{escape(path)}</span>'
        f"<span>{escape(operation.get('summary', ''))}: "
        f"{escape(operation.get('description', ''))}</span></div>"
        f"{table if rows else ''}"
        f"<table><tr><td>responses: {codes}</td></tr></table></div>"
    )


def render_openapi(schema: dict[str, Any]) -> str:
    """Render a whole OpenAPI schema as one self-contained HTML page."""
    info = schema["info"]
    operations = "".join(
        render_operation(path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    )
    return (
        f"<!doctype html><html><head><title>{escape(info['title'])}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<h1>{escape(info['title'])} <small>{escape(info['version'])}</small></h1>"
        f"<p>{escape(info.get('description', ''))}</p>"
        f"<p><code>/openapi.json</code> rendered offline (OpenAPI {schema['openapi']})</p>"
        f"{operations}</body></html>"
    )


def add_offline_docs(app: FastAPI, route: str = "/docs-offline") -> None:
    """Add a route to app that serves its OpenAPI schema as a static HTML page."""

    def offline_docs() -> HTMLResponse:
        return HTMLResponse(render_openapi(app.openapi()))

    app.add_api_route(route, offline_docs, include_in_schema=False)
