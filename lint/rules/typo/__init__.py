"""Typo detection (疑似错别字) helpers for lint.rules.typo.

resources  the lexicon, confusion sets and idiom index, derived from data that zwlint's
           dependencies ship (jieba's dict.txt, pycorrector's word_freq.txt, same_pinyin.txt,
           same_stroke.txt, person_name.txt), built once and cached on disk;
lm         a word-unigram language model with Viterbi segmentation over that lexicon;
detect     candidate generation and scoring (character confusions, idiom variants,
           duplicated characters and words, traditional characters);
neural     the optional MacBERT back-end (extra `neural`).
"""
