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
@pytest.mark.hint(
    "A bad value gives one error on its own field: Field(...) limits, EmailStr, "
    "and a @field_validator that raises ValueError."
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


def test_response_model_has_exactly_id_email_and_age() -> None:
    fields = set(UserResponse.model_fields)
    assert fields == {"id", "email", "age"}, (
        f"Called UserResponse.model_fields. Got {sorted(fields)}, expected age, email, id "
        "(and never password)"
    )
