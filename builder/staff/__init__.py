"""Tools for staff, apart from the pipeline: diff, normalize, init/new."""
