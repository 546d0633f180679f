"""STROM training kit: the CBSS/STROM municipal guidelines as interactive, graded learning.

Importing `kit` is deliberately cheap: sub-packages (`kit.content`, later `kit.cases`, ...)
are imported only when used, so the CLI and notebooks start fast.
"""

__version__ = "0.1.0"
