"""What an install of the project carries: every file the newsarchive package reads at run time.

`pip install -e .` (the README's way) reads the files from the checkout, so
a data file left out of the package's declared data only shows on a plain
`pip install .`: the wheel then lacks it, and the first build that makes a
slug or loads the gazetteer fails with FileNotFoundError.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from conftest import ROOT

PACKAGE = ROOT / "newsarchive"


def test_every_data_file_of_the_package_is_declared_for_its_wheel():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, data = setuptools["packages"], setuptools["package-data"]
    missing = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path.suffix in (".py", ".pyc"):
            continue
        # the nearest declared package above the file, and the file's path inside it
        folder = path.parent
        while ".".join(folder.relative_to(ROOT).parts) not in packages:
            folder = folder.parent
        package = ".".join(folder.relative_to(ROOT).parts)
        inside = path.relative_to(folder).as_posix()
        if not any(fnmatch(inside, pattern) for pattern in data.get(package, [])):
            missing.append(f"{path.relative_to(ROOT)} (package {package})")
    assert not missing, "not in [tool.setuptools.package-data] of pyproject.toml: " + ", ".join(missing)
