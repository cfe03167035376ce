"""The serious-error family (严重表述错误): misspelt leaders' names and titles, titles
that do not match the office holder on the publication date, the order of the top
leader's titles, political formulations, party congress and plenum names, state organ
names, references the Xinhua style rules forbid (Taiwan, Hong Kong and Macau, other
banned usages) and fallen officials named in a positive context.

One such error fails a 政务新媒体 account in the quarterly inspection (国办秘函〔2019〕19号),
so every rule here is tuned for precision: generated variants are filtered against
dictionaries, and the exceptions (quotation, reporting on a case, a historical period)
are part of each rule.

Data: sensitive_terms/leaders.toml, offices.toml, title_order.toml, formulations.toml,
congresses.toml, organs.toml, taiwan.toml, hongkong_macau.toml, xinhua.toml, fallen.toml.

base          SeriousTermRule, the base of the list-driven rules, and what they share (generated
              entries, quotation-mark forms, history tests);
leaders       leaders' names and titles (ZW101-ZW103) and fallen officials (ZW114);
formulations  political formulations, their members and their order (ZW104);
names         party congress and plenum names, state organ names (ZW105, ZW106);
references    Taiwan, Hong Kong and Macau, the Xinhua word list (ZW111-ZW113);
variants      generating the misspelt variants of names, titles and formulations.
"""
from lint.rules.serious import formulations, leaders, names, references  # noqa: F401  (registers the rules)
