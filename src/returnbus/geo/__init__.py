"""Places: coordinate systems, the gazetteer of Chinese divisions, and the
offline geocoder that reads addresses against it."""
