"""Reading inputs and preparing their text: readers, offset maps, normalisation."""
