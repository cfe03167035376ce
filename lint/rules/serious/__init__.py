"""Helpers for the serious-error (严重表述错误) rule family: variant generation from the
confusion data pycorrector ships and pypinyin computes, and the context tests shared
by the rules in lint/rules/serious.py."""
