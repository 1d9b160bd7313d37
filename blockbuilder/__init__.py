"""blockbuilder: the block editor's model (catalog, project file, compile, CLI) and, in view/, its window."""
__version__ = "0.1.0"
