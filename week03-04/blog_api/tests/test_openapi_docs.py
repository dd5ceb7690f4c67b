"""Day 27: a rich OpenAPI document (summaries, examples, error models); documented code."""

import ast
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.day(27)

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


def test_every_operation_with_an_id_in_the_path_documents_404(openapi: dict[str, Any]) -> None:
    for method, path, op in _operations(openapi):
        if "{" not in path:
            continue
        error = op["responses"].get("404", {})
        ref = error.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        assert ref == "#/components/schemas/ErrorMessage", (
            f"Called GET /openapi.json. Got 404 of {method} {path} = {error}, "
            "expected it documented with the ErrorMessage model"
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


def test_every_public_module_class_and_function_has_a_docstring() -> None:
    missing = _public_definitions_without_docstring()
    assert not missing, f"Called ast.get_docstring on the code. Got none for {missing}"
