"""Stage 1, load: read staff files safely (the one decoder, YAML, the one CSV reader),
find the project and its Table Schemas, read the settings documents."""
