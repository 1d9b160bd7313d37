"""Upgrading old project files: one raw-dict function per version step, run before validation.

Version 1 is the first file format. Version 2 lets a file hold a big trained array packed
(weights.pack); plain lists stay valid, so a version 1 file needs no change but its number.
To change the format:

1. Before touching the models, save a project with the current version as
   tests/data/project_vN.json (N = today's SCHEMA_VERSION; project_v1.json is already there),
   using as many of the things the change touches as you can.
2. Change the models and bump SCHEMA_VERSION in project.py to N + 1.
3. Write ``upgrade_N_to_N_plus_1(data: dict) -> dict`` below and register it as
   ``MIGRATIONS[N]``. It receives the file's raw JSON, not yet validated: read with ``.get``,
   leave what you do not recognise for validation to report, and do not set
   ``schema_version`` (``migrate`` does).
4. In tests/test_migrations.py, load tests/data/project_vN.json and assert the upgraded
   values, as nbformat's and napari's migration tests do.

A step that raises LookupError, TypeError, ValueError or AttributeError on a malformed old
file makes loading say that the file cannot be upgraded; it never shows a traceback.
"""
from __future__ import annotations

from typing import Callable

from .project import SCHEMA_VERSION



def upgrade_1_to_2(data: dict) -> dict:
    """Version 2 only adds the packed form of trained arrays; version 1's lists are still valid."""
    return data


# version N -> the function that turns an N file into an N + 1 file
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: upgrade_1_to_2}


def migrate(data: dict) -> dict:
    """Upgrade a raw project dict one version at a time to SCHEMA_VERSION.

    A file that is already current comes back as the same object, untouched.
    """
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data
