"""boardcompare: compare England's safeguarding children boards from council minutes."""

__version__ = "0.1.0"
