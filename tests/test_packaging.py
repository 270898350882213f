"""What an install of the project carries: every file the newsarchive package reads at run time.

`pip install -e .` (the README's way) reads the files from the checkout, so
a data file left out of the package's declared data only shows on a plain
`pip install .`: the wheel then lacks it, and the first build that makes a
slug or loads the gazetteer fails with FileNotFoundError.

Likewise a module the build imports that only arrives as another package's
dependency: the install works until that package stops requiring it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from fnmatch import fnmatch
from importlib.metadata import packages_distributions

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


# Run by hand, not by a build, and not dependencies (README, 数据来源 · Data and 依赖)
MAINTENANCE_SCRIPTS = {"newsarchive/analysis/make_fold_table.py", "newsarchive/data/make_pinyin_phrases.py"}


def _requirement_names(requirements: list[str]) -> set[str]:
    return {_normal(re.match(r"[A-Za-z0-9_.-]+", r).group()) for r in requirements}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_the_build_and_the_tasks_import_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _requirement_names(project["dependencies"])
    local = {"newsarchive", "bench", "tasks", "pelicanconf", "publishconf", *(p.name for p in (ROOT / "plugins").iterdir())}
    sources = [ROOT / "tasks.py", ROOT / "pelicanconf.py", ROOT / "publishconf.py",
               *(ROOT / "newsarchive").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]
    distributions = packages_distributions()
    missing = set()
    for path in sources:
        relative = path.relative_to(ROOT).as_posix()
        if path.name.startswith("test_") or relative in MAINTENANCE_SCRIPTS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in local:
                    continue
                # `pelican` is also pelican-sitemap's namespace: either declared will do
                if not {_normal(d) for d in distributions.get(top, [top])} & declared:
                    missing.add(f"{top} ({relative})")
    assert not missing, "imported but not in [project] dependencies of pyproject.toml: " + ", ".join(sorted(missing))
