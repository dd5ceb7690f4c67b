"""Starters are derived from the reference: bodies stubbed, the contract kept."""

import ast
import textwrap

import pytest

from journey.starter import Entry, StarterError, derive, fingerprint, lint_clean, placeholder

REFERENCE = textwrap.dedent(
    '''
    """A module."""

    from decimal import Decimal

    RATE = Decimal("0.02")


    def interest(balance: Decimal) -> Decimal:
        """Interest on a balance."""
        # Rounded to cents: a bank never pays a fraction of a cent.
        return (balance * RATE).quantize(Decimal("0.01"))


    class Account:
        """An account."""

        kind: str = "plain"
        id: object = dict(primary_key=True)  # stands for mapped_column(primary_key=True)

        def __init__(self, owner: str) -> None:
            self.owner = owner

        @property
        def label(self) -> str:
            """Owner and kind."""
            return f"{self.owner} ({self.kind})"

        def close(self) -> None:
            """Nothing to do yet."""
            ...
    '''
).lstrip()


def starter_of(*entries: str, day: int = 4) -> str:
    parsed = [(day, Entry.parse(e)) for e in entries]
    return derive(lambda _path: REFERENCE, parsed)["bank.py"]


def test_a_file_entry_stubs_every_body_and_keeps_signatures_and_docstrings() -> None:
    starter = starter_of("bank.py")
    for kept in (
        "def interest(balance: Decimal) -> Decimal:",
        '"""Owner and kind."""',
        "@property",
        'RATE = Decimal("0.02")',
        "def close(self) -> None:",
    ):
        assert kept in starter, f"Called derive(). The starter lost {kept!r}:\n{starter}"
    for gone in ("quantize", "self.owner = owner", "Rounded to cents", 'f"{self.owner}'):
        assert gone not in starter, f"Called derive(). The starter still holds {gone!r}"
    assert 'raise NotImplementedError("day 4: write Account.label")' in starter, starter
    ast.parse(starter)


def test_a_named_entry_stubs_only_that_function() -> None:
    starter = starter_of("bank.py::Account.label")
    assert "quantize" in starter, "Called derive() for Account.label. interest() was stubbed too"
    assert 'f"{self.owner} ({self.kind})"' not in starter, "Account.label was not stubbed"


def test_a_fields_entry_removes_fields_but_keeps_the_primary_key() -> None:
    starter = starter_of("bank.py::Account:fields")
    assert 'kind: str = "plain"' not in starter, f"The field survived:\n{starter}"
    assert "primary_key=True" in starter, f"The key line was removed:\n{starter}"
    assert "# TODO (day 4): the fields of Account" in starter, starter


def test_an_unknown_name_is_refused() -> None:
    with pytest.raises(StarterError, match="Nope"):
        starter_of("bank.py::Nope")


@pytest.mark.parametrize("text", ["", "/abs.py", "../up.py", "notes.md::Name"])
def test_a_malformed_entry_is_refused(text: str) -> None:
    with pytest.raises(StarterError):
        Entry.parse(text)


def test_fingerprints_ignore_comments_but_see_code() -> None:
    entry = Entry.parse("bank.py")
    starter = starter_of("bank.py")
    commented = starter.replace('"""A module."""', '"""A module."""\n# my notes')
    assert fingerprint(commented, entry) == fingerprint(starter, entry), "a comment counted"
    assert fingerprint(REFERENCE, entry) != fingerprint(starter, entry), "code did not count"


def test_unused_imports_get_one_ruff_line_only_when_needed() -> None:
    starter = lint_clean(starter_of("bank.py"))
    assert starter.count("# ruff: noqa: F401") == 0, "Decimal is still used by RATE"
    only_import = lint_clean('"""Doc."""\n\nimport os\n')
    assert "# ruff: noqa: F401" in only_import, only_import


def test_other_files_become_a_todo_line() -> None:
    assert placeholder("practice.sql", 21).startswith("-- TODO (day 21)")
    assert placeholder("collection.json", 17) == "{}\n"


def test_a_body_starting_with_a_decorated_function_is_stubbed_whole() -> None:
    source = textwrap.dedent(
        """
        def create_app() -> object:
            @decorate
            def inner() -> None:
                pass
            return inner
        """
    )
    starter = derive(lambda _path: source, [(43, Entry.parse("app.py::create_app"))])["app.py"]
    ast.parse(starter)
    assert "@decorate" not in starter, f"A decorator was left above the stub:\n{starter}"
