"""A pytest plugin ``make mutation`` adds to every run in a project's copy (``-p``).

Alembic loads ``env.py`` and each revision under a name made from the file alone (``env_py``),
while mutmut switches a mutant on by the module's dotted name (``migrations.env``): without this,
no mutant in a migration would ever be active. Here a file under the copy is loaded under the
name an import would give it. The migrations run the same.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType


def _install() -> None:
    try:
        from alembic.util import pyfiles
    except ImportError:  # a project without Alembic: nothing to rename
        return
    load_module_py = pyfiles.load_module_py
    root = Path.cwd().resolve()

    def load_by_path(module_id: str, path: str | os.PathLike[str]) -> ModuleType:
        file = Path(path).resolve()
        if file.suffix == ".py" and file.is_relative_to(root):
            module_id = ".".join(file.relative_to(root).with_suffix("").parts)
        return load_module_py(module_id, path)

    pyfiles.load_module_py = load_by_path


_install()
