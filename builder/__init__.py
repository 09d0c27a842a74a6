"""gongshi: validate a residential community's records and publish them as a static site.

The pipeline runs load -> validate -> rules -> render -> publish; each stage is a module
of this package and takes the previous stage's output.
"""

__version__ = "0.1.0"
