"""Generate the Postman collection (v2.1) from the app's OpenAPI document.

python scripts/postman_collection.py          # write docs/blog_api.postman_collection.json
python scripts/postman_collection.py --check  # exit 1 if the file is out of date
"""

import json
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
OUTPUT = PROJECT / "docs" / "blog_api.postman_collection.json"
SCHEMA_URL = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
# A fixed id keeps the file byte-stable between runs, so "up to date" is checkable.
COLLECTION_ID = "6f1b5c1e-6c2a-4b8e-9f2d-1b7a0c3e5d42"

if str(PROJECT) not in sys.path:  # run as a script: make `app` importable
    sys.path.insert(0, str(PROJECT))

Json = dict[str, Any]


def _example_body(openapi: Json, operation: Json) -> str | None:
    """The first example of the request body's schema, pretty-printed."""
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    name = content["schema"]["$ref"].rsplit("/", 1)[-1]
    examples = openapi["components"]["schemas"][name].get("examples", [{}])
    return json.dumps(examples[0], indent=2)


def _request_item(openapi: Json, path: str, method: str, operation: Json) -> Json:
    """One Postman request: URL with :path variables, query params, example body."""
    parameters = operation.get("parameters", [])
    postman_path = [
        f":{segment[1:-1]}" if segment.startswith("{") else segment
        for segment in path.strip("/").split("/")
    ]
    url: Json = {
        "raw": "{{baseUrl}}/" + "/".join(postman_path),
        "host": ["{{baseUrl}}"],
        "path": postman_path,
    }
    query = [
        {
            "key": p["name"],
            "value": str(p["schema"].get("default", "")),
            "description": p.get("description", ""),
            "disabled": "default" not in p["schema"],
        }
        for p in parameters
        if p["in"] == "query"
    ]
    if query:
        url["query"] = query
    variables = [
        {"key": p["name"], "value": "1", "description": p.get("description", "")}
        for p in parameters
        if p["in"] == "path"
    ]
    if variables:
        url["variable"] = variables
    request: Json = {
        "method": method.upper(),
        "header": [{"key": "Accept", "value": "application/json"}],
        "url": url,
        "description": operation.get("description", ""),
    }
    body = _example_body(openapi, operation)
    if body is not None:
        request["header"].append({"key": "Content-Type", "value": "application/json"})
        request["body"] = {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}}
    return {"name": operation["summary"], "request": request}


def collection(openapi: Json) -> Json:
    """A Postman v2.1 collection with one folder per OpenAPI tag."""
    folders: dict[str, list[Json]] = {tag["name"]: [] for tag in openapi.get("tags", [])}
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            tag = operation.get("tags", ["other"])[0]
            folders.setdefault(tag, []).append(_request_item(openapi, path, method, operation))
    descriptions = {tag["name"]: tag.get("description", "") for tag in openapi.get("tags", [])}
    return {
        "info": {
            "_postman_id": COLLECTION_ID,
            "name": openapi["info"]["title"],
            "description": openapi["info"].get("description", "").strip(),
            "schema": SCHEMA_URL,
        },
        "item": [
            {"name": name, "description": descriptions.get(name, ""), "item": items}
            for name, items in folders.items()
        ],
        "variable": [{"key": "baseUrl", "value": "http://127.0.0.1:8000"}],
    }


def render() -> str:
    """The collection file's text for the current app."""
    from app.config import Settings
    from app.main import create_app

    app = create_app(Settings(database_url="postgresql://unused/unused"))
    return json.dumps(collection(app.openapi()), indent=2) + "\n"


def main() -> None:
    """Write the collection, or with --check fail when the committed one is stale."""
    text = render()
    if "--check" in sys.argv[1:]:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            raise SystemExit(
                f"{OUTPUT.name} is out of date: run python scripts/postman_collection.py"
            )
        print(f"{OUTPUT.name} is up to date")
        return
    OUTPUT.write_text(text)
    print(f"Wrote {OUTPUT.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
