"""Generate the Postman collection (v2.1) from the app's OpenAPI document, one folder per
module, tokens captured and refreshed by the collection itself.

    python -m scripts.postman_collection          # write docs/modular_ecommerce.postman...
    python -m scripts.postman_collection --check  # exit 1 if the file is out of date

"Run collection" walks the shop: register a customer, sign in the customer and the admin
(their tokens are saved), then each module's requests. A collection-level pre-request
script spends the refresh token (grant_type=refresh_token) whenever an access token is
about to expire, so a long session never needs a manual sign-in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
OUTPUT = PROJECT / "docs" / "modular_ecommerce.postman_collection.json"
SCHEMA_URL = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
COLLECTION_ID = "6b0f3c2e-53a5-4c56-9e1d-56d53c2e5a10"  # fixed: the file stays byte-stable

if str(PROJECT) not in sys.path:  # run as a script: make `app` importable
    sys.path.insert(0, str(PROJECT))

Json = dict[str, Any]

# The order of a run, per module; operations not listed follow in document order.
ORDER = {
    "auth": ["POST /auth/register", "POST /token", "POST /auth/verify-email", "POST /auth/logout"],
    "products": [
        "GET /categories",
        "POST /categories",
        "GET /products",
        "POST /products",
        "GET /products/{product_id}",
        "PATCH /products/{product_id}",
        "POST /products/{product_id}/restock",
        "GET /products/{product_id}/reviews",
        "POST /products/{product_id}/reviews",
        "DELETE /products/{product_id}",
        "DELETE /categories/{category_id}",
    ],
    "orders": [
        "PUT /cart/items/{product_id}",
        "GET /cart",
        "POST /orders",
        "GET /orders",
        "GET /orders/{order_id}",
        "PATCH /orders/{order_id}/status",
        "POST /orders/{order_id}/cancel",
    ],
}
# Catalog management works on the product the run created; buying uses a seeded one.
NEW_PRODUCT = {
    "PATCH /products/{product_id}",
    "DELETE /products/{product_id}",
    "POST /products/{product_id}/restock",
}
# Requests sent with the admin's token: those a customer's role does not allow.
CUSTOMER_RULES = {"public", "authenticated", "permission orders:place", "permission reviews:write"}
PATH_VALUES = {
    "product_id": "{{productId}}",
    "order_id": "{{orderId}}",
    "user_id": "{{userId}}",
    "category_id": "{{categoryId}}",
    "role": "customer",
    "permission": "reports:read",
}
BODIES: dict[str, Json] = {
    "POST /auth/register": {"email": "{{email}}", "password": "{{password}}"},
    "POST /auth/logout": {"refresh_token": "{{refreshToken}}"},
    "POST /auth/verify-email": {"token": "paste the token from the verification mail"},
    "POST /categories": {"name": "Postman {{$timestamp}}"},
    "PATCH /orders/{order_id}/status": {"status": "paid"},
    "POST /products/{product_id}/restock": {"quantity": 5},
    "PUT /admin/users/{user_id}/role": {"role": "customer"},
}
SAVE = {
    "POST /auth/register": "pm.collectionVariables.set('userId', pm.response.json().id);",
    "POST /categories": "pm.collectionVariables.set('categoryId', pm.response.json().id);",
    "POST /products": "pm.collectionVariables.set('newProductId', pm.response.json().id);",
    "POST /orders": "pm.collectionVariables.set('orderId', pm.response.json().id);",
}
REGISTER_FIRST = [
    "// A new customer for every run.",
    "pm.collectionVariables.set('email', `postman-${Date.now()}@example.com`);",
]
REFRESH = [
    "// Before any request: spend the refresh token of a pair whose access token expires",
    "// within 30 s (or already has), and keep the new pair. Rotation is automatic.",
    "const base = pm.variables.get('baseUrl');",
    "[['accessToken', 'refreshToken', 'accessExpiresAt'],",
    " ['adminAccessToken', 'adminRefreshToken', 'adminAccessExpiresAt']].forEach(([a, r, e]) => {",
    "  const refresh = pm.collectionVariables.get(r);",
    "  const expires = Number(pm.collectionVariables.get(e) || 0);",
    "  if (!refresh || Date.now() < expires - 30000) { return; }",
    "  pm.sendRequest({",
    "    url: `${base}/token`, method: 'POST',",
    "    body: {mode: 'urlencoded', urlencoded: [",
    "      {key: 'grant_type', value: 'refresh_token'}, {key: 'refresh_token', value: refresh}]},",
    "  }, (error, response) => {",
    "    if (error || response.code !== 200) { pm.collectionVariables.set(r, ''); return; }",
    "    const pair = response.json();",
    "    pm.collectionVariables.set(a, pair.access_token);",
    "    pm.collectionVariables.set(r, pair.refresh_token);",
    "    pm.collectionVariables.set(e, Date.now() + pair.expires_in * 1000);",
    "  });",
    "});",
]


SIGN_IN_AGAIN = [
    "// The session is over: its tokens are refused from now on. Sign in again, so a run goes on.",
    "pm.sendRequest({",
    "  url: `${pm.variables.get('baseUrl')}/token`, method: 'POST',",
    "  body: {mode: 'urlencoded', urlencoded: [{key: 'grant_type', value: 'password'},",
    "    {key: 'username', value: pm.collectionVariables.get('email')},",
    "    {key: 'password', value: pm.collectionVariables.get('password')}]},",
    "}, (error, response) => {",
    "  const pair = response.json();",
    "  pm.collectionVariables.set('accessToken', pair.access_token);",
    "  pm.collectionVariables.set('refreshToken', pair.refresh_token);",
    "  pm.collectionVariables.set('accessExpiresAt', Date.now() + pair.expires_in * 1000);",
    "});",
]


def _save_pair(prefix: str) -> list[str]:
    """Test script of a sign-in: keep the token pair and when the access token expires."""
    access, refresh, expires = (
        ("accessToken", "refreshToken", "accessExpiresAt")
        if not prefix
        else ("adminAccessToken", "adminRefreshToken", "adminAccessExpiresAt")
    )
    return [
        "const pair = pm.response.json();",
        f"pm.collectionVariables.set('{access}', pair.access_token);",
        f"pm.collectionVariables.set('{refresh}', pair.refresh_token);",
        f"pm.collectionVariables.set('{expires}', Date.now() + pair.expires_in * 1000);",
    ]


def _url(label: str, path: str, operation: Json) -> Json:
    values = dict(PATH_VALUES)
    if label in NEW_PRODUCT:
        values["product_id"] = "{{newProductId}}"
    segments = [
        values.get(s[1:-1], "1") if s.startswith("{") else s for s in path.strip("/").split("/")
    ]
    url: Json = {
        "raw": "{{baseUrl}}/" + "/".join(segments),
        "host": ["{{baseUrl}}"],
        "path": segments,
    }
    query = [
        {"key": p["name"], "value": str(p["schema"].get("default", ""))}
        for p in operation.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    ]
    if query:
        url["query"] = query
    return url


def _example(document: Json, operation: Json) -> Json | None:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    name = content["schema"]["$ref"].rsplit("/", 1)[-1]
    fields = document["components"]["schemas"][name].get("properties", {})
    return {key: field["examples"][0] for key, field in fields.items() if "examples" in field}


def _event(listen: str, lines: list[str]) -> Json:
    return {"listen": listen, "script": {"type": "text/javascript", "exec": lines}}


def _request(document: Json, label: str, name: str = "", admin_login: bool = False) -> Json:
    method, path = label.split(" ", 1)
    operation = document["paths"][path][method.lower()]
    headers = [{"key": "Accept", "value": "application/json"}]
    access = operation["x-access"]
    if access != "public":
        token = "{{accessToken}}" if access in CUSTOMER_RULES else "{{adminAccessToken}}"
        headers.append({"key": "Authorization", "value": f"Bearer {token}"})
    request: Json = {
        "method": method,
        "header": headers,
        "url": _url(label, path, operation),
        "description": operation.get("description", ""),
    }
    events = []
    if label == "POST /token":
        user, password = (
            ("{{adminEmail}}", "{{adminPassword}}")
            if admin_login
            else ("{{email}}", "{{password}}")
        )
        request["body"] = {
            "mode": "urlencoded",
            "urlencoded": [
                {"key": "grant_type", "value": "password"},
                {"key": "username", "value": user},
                {"key": "password", "value": password},
            ],
        }
        events.append(_event("test", _save_pair("admin" if admin_login else "")))
    else:
        body = BODIES.get(label, _example(document, operation))
        if body is not None:
            headers.append({"key": "Content-Type", "value": "application/json"})
            request["body"] = {
                "mode": "raw",
                "raw": json.dumps(body, indent=2),
                "options": {"raw": {"language": "json"}},
            }
    if label == "POST /auth/register":
        events.append(_event("prerequest", REGISTER_FIRST))
    if label == "POST /auth/logout":
        request["description"] += "\n\nIn a run, its test script then signs in again."
        events.append(_event("test", SIGN_IN_AGAIN))
    if label in SAVE:
        events.append(_event("test", [SAVE[label]]))
    item: Json = {"name": name or f"{operation['summary']} ({label})", "request": request}
    if events:
        item["event"] = events
    return item


def collection(document: Json) -> Json:
    """One folder per module (the document's tags), in a run's order."""
    labels: dict[str, list[str]] = {tag["name"]: [] for tag in document["tags"]}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            labels[operation["tags"][0]].append(f"{method.upper()} {path}")
    folders = []
    for tag in document["tags"]:
        name = tag["name"]
        first = [label for label in ORDER.get(name, []) if label in labels[name]]
        ordered = first + [label for label in labels[name] if label not in first]
        items = [_request(document, label) for label in ordered]
        if name == "auth":
            admin = _request(document, "POST /token", "Sign the admin in (POST /token)", True)
            items.insert(2, admin)
        folders.append({"name": name, "description": tag["description"], "item": items})
    return {
        "info": {
            "_postman_id": COLLECTION_ID,
            "name": document["info"]["title"],
            "description": document["info"].get("description", "").strip(),
            "schema": SCHEMA_URL,
        },
        "event": [_event("prerequest", REFRESH)],
        "item": folders,
        "variable": [
            {"key": key, "value": value}
            for key, value in (
                ("baseUrl", "http://127.0.0.1:8000"),
                ("email", ""),
                ("password", "correct horse battery staple"),
                ("adminEmail", "admin@example.com"),
                ("adminPassword", "admin-password-dev"),
                ("accessToken", ""),
                ("refreshToken", ""),
                ("accessExpiresAt", "0"),
                ("adminAccessToken", ""),
                ("adminRefreshToken", ""),
                ("adminAccessExpiresAt", "0"),
                ("userId", "1"),
                ("categoryId", "1"),
                ("productId", "1"),
                ("newProductId", "1"),
                ("orderId", "1"),
            )
        ],
    }


def render() -> str:
    """The collection file's text for the current app."""
    from app.config import Settings
    from app.main import create_app

    document = create_app(Settings(_env_file=None, environment="test")).openapi()
    return json.dumps(collection(document), indent=2) + "\n"


def main() -> None:
    """Write the collection, or with --check fail when the committed one is stale."""
    text = render()
    if "--check" in sys.argv[1:]:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            raise SystemExit(
                f"{OUTPUT.name} is out of date: run python -m scripts.postman_collection"
            )
        print(f"{OUTPUT.name} is up to date")
        return
    OUTPUT.write_text(text)
    print(f"Wrote {OUTPUT.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
