"""Chinese text analysis for search: how text becomes terms, in Python and (the same rules) in the browser.

- fold.py, fold.json: one character table (width, case, traditional → simplified)
- chars.py: Han characters, word characters, transparent quotation marks
- tokenizer.py: RunTokenizer, runs of Han characters and words
- filters.py: FoldFilter, HanNGramFilter
- analyzer.py: the analyzer composed of them, and how a query splits into words
- vectors.json: text → terms, checked in pytest and in the browser
"""

from .analyzer import ANALYZER, Term, archive_analyzer, query_words, terms

__all__ = ["ANALYZER", "Term", "archive_analyzer", "query_words", "terms"]
