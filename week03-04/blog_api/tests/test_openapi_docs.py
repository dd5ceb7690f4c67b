"""Day 27: a rich OpenAPI document (summaries, examples, error models); documented code."""

import ast
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = [
    pytest.mark.day(27),
    pytest.mark.hint(
        "Every day-27 test reads the document that build_openapi (app/openapi.py) makes: write "
        "it first."
    ),
]

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def openapi(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200, f"Called GET /openapi.json. Got {response.status_code}"
    return dict(response.json())


def _operations(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in openapi["paths"].items()
        for method, op in item.items()
    ]


def test_every_operation_has_a_summary_a_description_and_a_tag(openapi: dict[str, Any]) -> None:
    for method, path, op in _operations(openapi):
        missing = [key for key in ("summary", "description", "tags") if not op.get(key)]
        assert not missing, f"Called GET /openapi.json. Got {method} {path} without {missing}"


def _error_ref(operation: dict[str, Any], status: str) -> str | None:
    error = operation["responses"].get(status, {})
    ref: str | None = (
        error.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    )
    return ref


def test_every_operation_with_an_id_in_the_path_documents_404(openapi: dict[str, Any]) -> None:
    for method, path, op in _operations(openapi):
        if "{" not in path:
            continue
        ref = _error_ref(op, "404")
        assert ref == "#/components/schemas/ErrorMessage", (
            f"Called GET /openapi.json. Got 404 of {method} {path} = "
            f"{op['responses'].get('404')}, expected it documented with the ErrorMessage model"
        )


@pytest.mark.parametrize("status", ["400", "413", "415"])
def test_every_operation_with_a_body_documents_its_body_errors(
    openapi: dict[str, Any], status: str
) -> None:
    for method, path, op in _operations(openapi):
        if "requestBody" not in op:
            continue
        ref = _error_ref(op, status)
        assert ref == "#/components/schemas/ErrorMessage", (
            f"Called GET /openapi.json. Got {status} of {method} {path} = "
            f"{op['responses'].get(status)}, expected it documented with the ErrorMessage model"
        )


def test_every_operation_documents_503_for_a_busy_database(openapi: dict[str, Any]) -> None:
    for method, path, op in _operations(openapi):
        ref = _error_ref(op, "503")
        assert ref == "#/components/schemas/ErrorMessage", (
            f"Called GET /openapi.json. Got 503 of {method} {path} = "
            f"{op['responses'].get('503')}, expected it documented with the ErrorMessage model"
        )


def test_every_documented_error_has_the_one_error_shape(openapi: dict[str, Any]) -> None:
    for method, path, op in _operations(openapi):
        for status in op["responses"]:
            if int(status) >= 400:
                ref = _error_ref(op, status)
                assert ref == "#/components/schemas/ErrorMessage", (
                    f"Called GET /openapi.json. Got {status} of {method} {path} with schema "
                    f"{ref}, expected ErrorMessage (422 included)"
                )
    leftovers = {"HTTPValidationError", "ValidationError"} & set(openapi["components"]["schemas"])
    assert not leftovers, (
        f"Called GET /openapi.json. Got unused schemas {sorted(leftovers)}, expected them gone"
    )


def test_error_message_model_is_a_detail_and_a_list_of_field_errors(
    openapi: dict[str, Any],
) -> None:
    schemas = openapi["components"]["schemas"]
    error, field = schemas.get("ErrorMessage", {}), schemas.get("FieldError", {})
    properties = error.get("properties", {})
    assert (
        properties.get("detail", {}).get("type") == "string"
        and properties.get("errors", {}).get("items") == {"$ref": "#/components/schemas/FieldError"}
        and sorted(error.get("required", [])) == ["detail", "errors"]
    ), (
        f"Called GET /openapi.json. Got ErrorMessage = {error}, expected required `detail` "
        "(string) and `errors` (list of FieldError)"
    )
    assert sorted(field.get("required", [])) == ["loc", "msg", "type"], (
        f"Called GET /openapi.json. Got FieldError = {field}, expected required loc, msg, type"
    )


@pytest.mark.parametrize(("method", "path"), [("POST", "/users"), ("PATCH", "/users/{user_id}")])
def test_user_writes_document_409(openapi: dict[str, Any], method: str, path: str) -> None:
    responses = openapi["paths"][path][method.lower()]["responses"]
    assert "409" in responses, (
        f"Called GET /openapi.json. Got {method} {path} statuses {sorted(responses)}, "
        "expected 409 documented"
    )


def test_every_operation_with_input_documents_422(openapi: dict[str, Any]) -> None:
    for method, path, op in _operations(openapi):
        if op.get("parameters") or op.get("requestBody"):
            assert "422" in op["responses"], (
                f"Called GET /openapi.json. Got {method} {path} without a documented 422"
            )


@pytest.mark.parametrize(
    "name", ["UserCreate", "UserUpdate", "UserRead", "PostCreate", "PostRead", "CommentCreate"]
)
def test_schemas_carry_examples(openapi: dict[str, Any], name: str) -> None:
    schema = openapi["components"]["schemas"][name]
    assert schema.get("examples"), (
        f"Called GET /openapi.json. Got schema {name} without examples, expected at least one"
    )


def test_read_models_expose_no_password_field(openapi: dict[str, Any]) -> None:
    for name, schema in openapi["components"]["schemas"].items():
        if name.endswith("Read"):
            fields = set(schema.get("properties", {}))
            assert not {f for f in fields if "password" in f}, (
                f"Called GET /openapi.json. Got {name} fields {sorted(fields)}, "
                "expected no password field"
            )


def test_update_fields_that_cannot_be_null_are_not_documented_as_nullable(
    openapi: dict[str, Any],
) -> None:
    title = openapi["components"]["schemas"]["PostUpdate"]["properties"]["title"]
    assert "anyOf" not in title and title.get("type") == "string", (
        f"Called GET /openapi.json. Got PostUpdate.title = {title}, expected a plain string"
    )


def _public_definitions_without_docstring() -> list[str]:
    missing = []
    files = [*sorted((PROJECT / "app").rglob("*.py")), PROJECT / "seed_data.py"]
    files += sorted((PROJECT / "scripts").glob("*.py"))
    for file in files:
        tree = ast.parse(file.read_text())
        if ast.get_docstring(tree) is None:
            missing.append(f"{file.relative_to(PROJECT)} (module)")
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if not node.name.startswith("_") and ast.get_docstring(node) is None:
                missing.append(f"{file.relative_to(PROJECT)}:{node.lineno} {node.name}")
    return missing


def test_the_api_its_tags_and_every_public_definition_are_documented(
    openapi: dict[str, Any],
) -> None:
    info, tags = openapi["info"], openapi.get("tags", [])
    assert info.get("description") and info.get("summary"), (
        f"Called GET /openapi.json. Got info {info}, expected a summary and a description"
    )
    described = {tag["name"] for tag in tags if tag.get("description")}
    used = {tag for _, _, op in _operations(openapi) for tag in op.get("tags", [])}
    assert used <= described, (
        f"Called GET /openapi.json. Got tag descriptions for {sorted(described)}, "
        f"expected one for every tag in use: {sorted(used)}"
    )
    missing = _public_definitions_without_docstring()
    assert not missing, f"Called ast.get_docstring on the code. Got none for {missing}"


def test_the_document_builds_without_a_database() -> None:
    # Imported here: on day 25 the app does not import yet, and this file must still collect.
    from app.config import Settings
    from app.main import create_app

    # Port 1 refuses connections: building the document must not try one.
    app = create_app(Settings(database_url="postgresql://nobody@127.0.0.1:1/nothing"))
    document = app.openapi()
    assert document["info"]["title"] == "Blog API" and document["paths"], (
        "Called create_app(unreachable database).openapi(). Got no document, expected the "
        "document without touching the database"
    )
