"""The person's watch words, found as one pattern however many there are.

Each word matches in any case, never inside a longer word, and the words of a phrase match across
any run of spaces or a line break. The words are merged into a trie before they become a regular
expression (``acme|acme corp|apex`` -> ``a(?:cme(?:\\s+corp)?|pex)``): Python's ``re`` tries the
branches of an alternation one by one at every position, so 500 plain branches cost a hundred times
one; a trie fails at the first letter that no word has (``benchmarks/review.py`` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from automation.errors import UserError

MAX_WORD = 200  # characters: a watch word is a name or a phrase, not a paragraph

_Node = dict[str, "_Node"]
_END = ""  # the key that marks the end of a word in a trie node


def _words(words: Iterable[str]) -> list[str]:
    found = {" ".join(w.split()).lower() for w in words if w.strip()}
    long = next((w for w in found if len(w) > MAX_WORD), None)
    if long is not None:
        raise UserError(f"a watch word is at most {MAX_WORD} characters; {long[:40]!r}… is {len(long):,}")
    return sorted(found)


def _pattern(node: _Node) -> str:
    branches = [("\\s+" if char == " " else re.escape(char)) + _pattern(child)
                for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if _END in node:  # a word ends here and longer ones go on: the longer are tried first
        body = f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


def compile_words(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all ``words`` (None when there are none)."""
    trie: _Node = {}
    listed = _words(words)
    for word in listed:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not listed:
        return None
    return re.compile(rf"(?<!\w){_pattern(trie)}(?!\w)", re.IGNORECASE)


def find_words(pattern: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    return pattern.finditer(text) if pattern is not None else iter(())
