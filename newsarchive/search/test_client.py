from newsarchive.search import client


def test_the_page_script_is_made_from_the_modules_as_they_are():
    # the page loads search.js, the tests the modules: they must not differ
    assert client.main(["--check"]) == 0, "run: python -m newsarchive.search.client"
