"""The search page's script as one file, search.js, made from its modules at each build.

The modules (analysis.js, engine.js, results.js, page.js in
theme/static/js/search/) are the only source, and tests import them one by
one; the search_index plugin writes the bundle into the output beside them
(<output>/theme/js/search/search.js), so no second copy is kept in the
project to go stale. The page loads this single file:
on a cold cache every module is a request of its own and the page can run
nothing until the last has arrived and been linked, so one file takes the
first query's scripts from four requests to one.

Each dependency becomes a function scope returning its exports, in import
order; page.js, the entry, stays at the top level (it uses top-level await).
Only ``import { a, b } from "./x.js";`` and ``export`` before a declaration
are understood, which is all the modules use; anything else is an error, so
the file cannot silently differ from the modules.

    python -m newsarchive.search.client > search.js   # the bundle, to read it
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "theme" / "static" / "js" / "search"
ENTRY = "page.js"
OUTPUT = "search.js"
COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"
# where the bundle goes, under the output's THEME_STATIC_DIR
OUTPUT_FOLDER = ("js", "search")

_IMPORT = re.compile(r'^import \{([^}]*)\} from "\./([a-z]+\.js)";\n', re.MULTILINE)
_EXPORT = re.compile(r"^export (?:const|let|class|function\*?|async function) ([A-Za-z_$][\w$]*)", re.MULTILINE)


def _parts(folder: Path, name: str):
    """(imports: {module: [names]}, body without import lines and export keywords, exported names)."""
    text = (folder / name).read_text(encoding="utf-8")
    imports = {}
    for names, module in _IMPORT.findall(text):
        imports[module] = [n.strip() for n in names.split(",") if n.strip()]
        if any(" " in n for n in imports[module]):
            raise ValueError(f"{name}: only plain named imports are bundled")
    body = _IMPORT.sub("", text)
    exports = _EXPORT.findall(body)
    body = _EXPORT.sub(lambda m: m.group(0)[len("export "):], body)
    if re.search(r"^\s*(import|export)\b", body, re.MULTILINE) or "import(" in body:
        raise ValueError(f"{name}: an import or export the bundler does not understand")
    return imports, body, exports


def bundle(folder: Path = FOLDER) -> str:
    order, seen = [], set()

    def visit(name, path=()):
        if name in path:
            raise ValueError(f"import cycle: {' → '.join((*path, name))}")
        if name in seen:
            return
        imports, _, _ = _parts(folder, name)
        for module in imports:
            visit(module, (*path, name))
        seen.add(name)
        order.append(name)

    visit(ENTRY)
    # V8's compile hint: every function here runs for the first query, so
    # all are compiled on a background thread while the file streams in,
    # not one by one on the page's thread when first called.
    out = [COMPILE_HINT, f"// Made from {', '.join(order)} by newsarchive/search/client.py: edit those, not this.\n"]
    provided = {}
    for name in order:
        imports, body, exports = _parts(folder, name)
        for module, names in imports.items():
            missing = [n for n in names if n not in provided.get(module, ())]
            if missing:
                raise ValueError(f"{name}: {module} does not export {', '.join(missing)}")
        if name == ENTRY:
            out.append(f"\n// {name}\n{body}")
            continue
        provided[name] = exports
        out.append(f"\n// {name}\nconst {{ {', '.join(exports)} }} = (() => {{\n{body}\nreturn {{ {', '.join(exports)} }};\n}})();\n")
    # exported names share the top level with each other and the entry
    names = [n for m in order[:-1] for n in provided[m]]
    if len(names) != len(set(names)):
        raise ValueError("two modules export the same name")
    return "".join(out)


def write(output: Path, theme_static_dir: str) -> Path:
    """Write the bundle into a built site (the output's copy of the theme's static files)."""
    target = Path(output, theme_static_dir, *OUTPUT_FOLDER, OUTPUT)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bundle(), encoding="utf-8")
    return target


def main(argv=None) -> int:
    sys.stdout.write(bundle())
    return 0


if __name__ == "__main__":
    sys.exit(main())
