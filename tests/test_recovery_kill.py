"""kill -9 of the real editor loses at most a few seconds of work: an edit made 2.5 s before the kill
is offered at the next start (the autosave writes within 2 s of a change)."""
from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from blockbuilder.app import assemble
from blockbuilder.document.atomic import TEMP_SUFFIX

DRIVER = pathlib.Path(__file__).resolve().parent / "editor_driver.py"


def units(project) -> int:
    return next(b for s in project.scripts for b in s.blocks if b.id == "hidden").params["units"]


@pytest.mark.skipif(os.name == "nt", reason="kill -9 is POSIX")
def test_an_edit_made_2_5_seconds_before_kill_9_is_offered_at_the_next_start(tmp_path, monkeypatch):
    home = tmp_path / "home"
    env = {**os.environ, "PYGLET_HEADLESS": "1", "BLOCKBUILDER_HOME": str(home)}
    env.pop("DISPLAY", None)
    editor = subprocess.Popen([sys.executable, str(DRIVER)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert editor.stdout.readline() == "edited\n"
        time.sleep(2.5)
    finally:
        editor.send_signal(signal.SIGKILL)
        editor.wait()
        editor.stdout.close()

    monkeypatch.setenv("BLOCKBUILDER_HOME", str(home))
    app = assemble()  # the next start: the starter example, then the offer
    assert units(app.editor.project) == 4
    offer = app.controller.dialog.inner
    assert offer.text.key == "files_recover_offer"
    offer.on_choice("restore")
    assert units(app.editor.project) == 7 and app.editor.history.dirty
    assert not [p for p in home.iterdir() if p.name.endswith(TEMP_SUFFIX)]
