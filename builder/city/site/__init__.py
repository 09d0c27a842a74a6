"""The city index site: pages from the figures (``builder.city.queries``), built by
MkDocs through ``CityPlugin`` with the theme and templates shipped here."""
