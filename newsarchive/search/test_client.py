from newsarchive.search import client


def test_the_bundle_holds_every_module_once_and_the_entry_last():
    made = client.bundle()
    marks = [line for line in made.splitlines() if line.startswith("// ") and line.endswith(".js")]
    assert sorted(marks) == sorted(f"// {p.name}" for p in client.FOLDER.glob("*.js"))
    assert marks[-1] == "// page.js"


def test_a_module_the_bundler_cannot_read_is_refused(tmp_path):
    (tmp_path / "page.js").write_text('import * as all from "./engine.js";\n', encoding="utf-8")
    try:
        client.bundle(tmp_path)
    except ValueError:
        return
    raise AssertionError("an import the bundler does not understand was bundled")
