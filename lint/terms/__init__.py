"""Word lists: loading the data files, compiling one automaton, matching."""
from lint.terms.lists import Entry, TermLists, load_lists
from lint.terms.matcher import TermMatch, TermMatcher

__all__ = ["Entry", "TermLists", "load_lists", "TermMatch", "TermMatcher"]
