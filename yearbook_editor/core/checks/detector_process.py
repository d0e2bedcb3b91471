"""The character detector on the other core while the other rules run here.

On a large volume the detector (:mod:`.detector`) is half of a whole check run. Editors' laptops
have two cores, and the rest of the run (the other rules, the listed characters, the verification
of the store) is as long again, so :func:`start` hands the detector to a process of its own
(``core.processes``: spawned the same way on every system, frozen or not) at the start of the run,
and :func:`collect` takes its suspects when the rule needs them. What the process is given is
plain data: the texts of the volume's paragraphs (its model is built from them there), which of
them to look at, the store's vocabulary and the names. Its suspects are those that the same call
here would give; a process that cannot start, fails or takes too long only means the detector runs
here after all.

Only a volume of PARALLEL_SIZE characters or more goes there (starting a process costs about
0.1 s, as much as the detector takes on a tenth of that), and only on a machine with two cores.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..progress import NO_PROGRESS, Progress

PARALLEL_SIZE = 150_000  # characters of text (the volume's paragraphs joined) from which the detector goes there
WAIT = 60.0  # seconds the run waits for the process before it runs the detector here instead
ENABLED = True  # tests switch it off to compare the two ways


def wanted(size: int) -> bool:
    """Is a volume of ``size`` characters worth a process of its own on this machine?"""
    return ENABLED and size >= PARALLEL_SIZE and (os.cpu_count() or 1) >= 2


def start():
    """A process waiting for its work (a ``core.processes`` task), or None when none could be
    started. It starts first and is sent the texts (:func:`send`) while it loads its data."""
    from .. import processes

    try:
        inbox = processes.CONTEXT.Queue()
        task = processes.start(detect_paragraphs, inbox)
    except (OSError, ValueError, RuntimeError, AssertionError):  # no process here (a sandbox, a daemon's rule)
        return None
    task.inbox = inbox  # kept while the process runs: its lock must outlive the other side's start
    return task


def send(task, texts: Sequence[str], which: Sequence[int], vocabulary, names) -> None:
    """Give the process its work: every paragraph's text, which of them to look at, the store's
    vocabulary and the names. Sent by a thread of the queue: given as the process's arguments they
    would hold this process up until the other one had started and read them."""
    task.inbox.put((list(texts), list(which), sorted(vocabulary), sorted(names)))


def collect(task) -> list | None:
    """The suspects ([(index in ``which``, Suspect)]), or None when the process gave none."""
    last = task.outcome(WAIT)
    end(task)
    return last[1] if last[0] == "finished" else None


def end(task) -> None:
    """Kill the process if it still runs, and let go of what was sent to it. A process ended
    before it read the texts leaves them in the queue's pipe: without this, this process would
    wait for them to be read when it exits, for ever (a run cancelled at once)."""
    task.kill()
    task.inbox.cancel_join_thread()
    task.inbox.close()


def detect_paragraphs(inbox, *, progress: Progress = NO_PROGRESS) -> list:
    """What the process runs, given (texts, which, vocabulary, names) through ``inbox``: the
    volume's model built from every one of the texts and the vocabulary, then the suspects of the
    paragraphs ``which`` ((index in ``which``, Suspect))."""
    from .detector import VolumeModel, chardata, detect_volume

    progress(0, 3, "检查：疑似错字")
    chardata()  # loaded while the texts are on their way
    texts, which, vocabulary, names = inbox.get()
    progress(1, 3, "检查：疑似错字")
    model = VolumeModel.build(texts, vocabulary)
    progress(2, 3, "检查：疑似错字")
    return detect_volume([texts[k] for k in which], model, frozenset(names))
