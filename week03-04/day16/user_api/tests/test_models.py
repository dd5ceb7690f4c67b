"""Day 16: the pydantic models on their own, without HTTP."""

import pytest
from pydantic import ValidationError

from models import UserCreate, UserResponse

pytestmark = pytest.mark.day(16)

VALID = {"email": "ada@example.com", "password": "s3cret-pass", "age": 36}


def test_valid_user_is_accepted_and_age_string_is_coerced_to_int() -> None:
    user = UserCreate.model_validate(VALID | {"age": "36"})
    assert user.age == 36, f"Called UserCreate(age='36'). Got {user.age!r}, expected 36"


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [
        ("email", "ada.example.com", "value_error"),
        ("email", "ada@", "value_error"),
        ("password", "s3cret", "string_too_short"),
        ("password", "onlyletters", "value_error"),
        ("password", "12345678", "value_error"),
        ("age", 0, "greater_than"),
        ("age", -5, "greater_than"),
        ("age", 151, "less_than_equal"),
    ],
)
def test_each_invalid_field_is_rejected_with_its_own_error(
    field: str, value: object, error_type: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        UserCreate.model_validate(VALID | {field: value})
    errors = [(error["loc"], error["type"]) for error in caught.value.errors()]
    assert errors == [((field,), error_type)], (
        f"Called UserCreate({field}={value!r}). Got {errors}, expected [(('{field}',), "
        f"'{error_type}')]"
    )


def test_response_model_has_no_password_field() -> None:
    assert "password" not in UserResponse.model_fields, (
        f"Called UserResponse.model_fields. Got {list(UserResponse.model_fields)}, "
        "expected no password"
    )
