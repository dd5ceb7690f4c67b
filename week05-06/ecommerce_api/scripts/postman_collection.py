"""Generate the Postman collection (v2.1) from the app's OpenAPI document, as workflows.

python scripts/postman_collection.py          # write docs/ecommerce_api.postman_collection.json
python scripts/postman_collection.py --check  # exit 1 if the file is out of date

Folders follow a purchase: browse, cart, checkout, pay, ship, review, admin reports, then
every other operation. Requests reuse collection variables ({{token}}, {{orderId}}, ...)
that earlier requests' test scripts set, so "Run collection" walks a whole purchase.
"""

import json
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
OUTPUT = PROJECT / "docs" / "ecommerce_api.postman_collection.json"
SCHEMA_URL = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
# A fixed id keeps the file byte-stable between runs, so "up to date" is checkable.
COLLECTION_ID = "0f6c7a52-3d7e-4f0e-9c55-9a4d2b1e8c31"

if str(PROJECT) not in sys.path:  # run as a script: make `app` importable
    sys.path.insert(0, str(PROJECT))

Json = dict[str, Any]

# (folder, description, [(operation, body override, script saving a variable)])
WORKFLOWS: list[tuple[str, str, list[tuple[str, Json | None, str | None]]]] = [
    (
        "1. Browse",
        "Search and read the catalog; no account needed.",
        [
            ("GET /categories", None, None),
            ("GET /products", None, None),
            ("GET /products/{product_id}", None, None),
        ],
    ),
    (
        "2. Sign up and fill the cart",
        "Sign up (the token is saved as {{token}}), then add products to the cart.",
        [
            (
                "POST /users",
                {"email": "{{$randomEmail}}", "name": "Postman Buyer"},
                "pm.collectionVariables.set('token', pm.response.json().token);",
            ),
            ("GET /users/me", None, None),
            ("POST /cart/items", {"product_id": 1, "quantity": 1}, None),
            ("POST /cart/items", {"product_id": 2, "quantity": 2}, None),
            ("PATCH /cart/items/{product_id}", {"quantity": 3}, None),
            ("GET /cart", None, None),
        ],
    ),
    (
        "3. Checkout",
        "Turn the cart into an order; the Idempotency-Key makes a retry safe. "
        "The order's id is saved as {{orderId}}.",
        [
            (
                "POST /cart/checkout",
                {},
                "pm.collectionVariables.set('orderId', pm.response.json().id);",
            ),
            ("GET /orders", None, None),
            ("GET /orders/{order_id}", None, None),
        ],
    ),
    (
        "4. Pay",
        "The customer pays their pending order.",
        [("PATCH /orders/{order_id}/status", {"status": "paid"}, None)],
    ),
    (
        "5. Ship and deliver",
        "The admin ships and delivers it (as {{adminToken}}).",
        [
            ("PATCH /orders/{order_id}/status", {"status": "shipped"}, None),
            ("PATCH /orders/{order_id}/status", {"status": "delivered"}, None),
        ],
    ),
    (
        "6. Review",
        "A customer who received a product reviews it; everyone sees the rating.",
        [
            ("POST /products/{product_id}/reviews", None, None),
            ("GET /products/{product_id}/reviews", None, None),
            ("GET /products/{product_id}/rating", None, None),
        ],
    ),
    (
        "7. Admin reports",
        "Analytics and inventory, as {{adminToken}}.",
        [
            ("GET /admin/products/top-selling", None, None),
            ("GET /admin/users/{user_id}/spending", None, None),
            ("GET /admin/sales/report", None, None),
            ("GET /admin/products/low-stock", None, None),
            ("GET /admin/stock-alerts", None, None),
        ],
    ),
]
# Who sends each workflow step: the customer's token, or the admin's.
ADMIN_STEPS = {"5. Ship and deliver", "7. Admin reports"}
PATH_VALUES = {"order_id": "{{orderId}}", "product_id": "1", "user_id": "2", "category_id": "1"}
QUERY_VALUES = {"from_date": "2026-01-01", "to_date": "2026-12-31", "q": "keyboard"}


def _example_body(openapi: Json, operation: Json) -> Json | None:
    """The request body's schema example (the first of its `examples`, else its fields')."""
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    ref = content["schema"].get("$ref") or content["schema"].get("anyOf", [{}])[0].get("$ref")
    if ref is None:
        return {}
    schema = openapi["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    body = {}
    for name, field in schema.get("properties", {}).items():
        if "examples" in field:
            body[name] = field["examples"][0]
    return body


def _request(openapi: Json, label: str, body: Json | None, script: str | None, admin: bool) -> Json:
    """One Postman request for an operation ("GET /products/{product_id}")."""
    method, path = label.split(" ", 1)
    operation = openapi["paths"][path][method.lower()]
    segments = [
        PATH_VALUES.get(s[1:-1], "1") if s.startswith("{") else s
        for s in path.strip("/").split("/")
    ]
    url: Json = {
        "raw": "{{baseUrl}}/" + "/".join(segments),
        "host": ["{{baseUrl}}"],
        "path": segments,
    }
    query = [
        {
            "key": p["name"],
            "value": QUERY_VALUES.get(p["name"], str(p["schema"].get("default", ""))),
        }
        for p in operation.get("parameters", [])
        if p["in"] == "query" and (p.get("required") or p["name"] in QUERY_VALUES)
    ]
    if query:
        url["query"] = query
        url["raw"] += "?" + "&".join(f"{q['key']}={q['value']}" for q in query)
    headers = [{"key": "Accept", "value": "application/json"}]
    if operation.get("security"):
        token = "{{adminToken}}" if admin else "{{token}}"
        headers.append({"key": "Authorization", "value": f"Bearer {token}"})
    if path == "/cart/checkout":
        headers.append({"key": "Idempotency-Key", "value": "{{$guid}}"})
    request: Json = {"method": method, "header": headers, "url": url}
    request["description"] = operation.get("description", "")
    sent = body if body is not None else _example_body(openapi, operation)
    if sent is not None:
        headers.append({"key": "Content-Type", "value": "application/json"})
        request["body"] = {
            "mode": "raw",
            "raw": json.dumps(sent, indent=2),
            "options": {"raw": {"language": "json"}},
        }
    item: Json = {"name": f"{operation['summary']} ({label})", "request": request}
    if script:
        item["event"] = [
            {"listen": "test", "script": {"type": "text/javascript", "exec": [script]}}
        ]
    return item


def collection(openapi: Json) -> Json:
    """The workflow folders, then one folder with every operation no workflow uses."""
    folders = []
    used: set[str] = set()
    for name, description, steps in WORKFLOWS:
        items = [
            _request(openapi, label, body, script, name in ADMIN_STEPS)
            for label, body, script in steps
        ]
        used.update(label for label, _, _ in steps)
        folders.append({"name": name, "description": description, "item": items})
    rest = [
        f"{method.upper()} {path}"
        for path, item in openapi["paths"].items()
        for method in item
        if f"{method.upper()} {path}" not in used
    ]
    folders.append(
        {
            "name": "8. Everything else",
            "description": "Catalog administration, restocking, the rest of the API (as admin).",
            "item": [_request(openapi, label, None, None, True) for label in rest],
        }
    )
    return {
        "info": {
            "_postman_id": COLLECTION_ID,
            "name": openapi["info"]["title"],
            "description": openapi["info"].get("description", "").strip(),
            "schema": SCHEMA_URL,
        },
        "item": folders,
        "variable": [
            {"key": "baseUrl", "value": "http://127.0.0.1:8000"},
            {"key": "adminToken", "value": "dev-admin-token"},
            {"key": "token", "value": ""},
            {"key": "orderId", "value": ""},
        ],
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
