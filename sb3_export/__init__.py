"""Turns a runtime NetworkSpec and its trained parameters into a Scratch 3 project (.sb3), in memory.

    report = export_sb3(spec, params, lang="ja", data=ToyData.from_dataset(train))
    report.sb3                      # the file's bytes: the caller writes them where the child chose

This is the exporter's front door: code outside sb3_export imports from here, never from the
modules inside. The exporter never touches the disk.
"""
from .export import JSON_LIMIT, ExportProblem, ExportReport, TooBig, check_learn, export_sb3, measure
from .learn import Learning, training_order
from .lower import LIST_LIMIT
from .messages import CATALOG, msg
from .toys import ToyData
from .toys.digits import PAD_SOFT

__all__ = [
    # exporting
    "export_sb3", "measure", "ToyData", "ExportReport", "ExportProblem", "TooBig",
    # learning inside Scratch (export_sb3(..., learn=settings)): whether it can, and the order it follows
    "check_learn", "training_order", "Learning",
    # Scratch's limits: project.json bytes the website takes, items in one list
    "JSON_LIMIT", "LIST_LIMIT",
    # the drawing pad's brush: full ink under the mouse, PAD_SOFT on the four neighbours
    "PAD_SOFT",
    # the exporter's sentences (key -> language -> text) and a message from them
    "CATALOG", "msg",
]
