"""Characters of similar shape derived from glyphs (dictionaries/shape_similar.txt) feed the
generated misspellings of key terms."""
from lint.rules.serious.spelling import misspellings, shape_neighbours, substitutes
from lint.rules.serious.variants import confusion_data


def test_glyph_similar_characters_are_listed_for_common_characters():
    table = shape_neighbours()
    assert "休" in table["体"] and "肓" in table["育"] and "觉" in table["党"]
    assert all(ch not in similar for ch, similar in table.items())


def test_a_glyph_similar_character_makes_a_shape_misspelling():
    assert substitutes("体", confusion_data())["休"] == "形近"
    assert misspellings("人类命运共同体").get("人类命运共同休") == "形近"
    assert misspellings("全面从严治党").get("全面从严治觉") == "形近"
