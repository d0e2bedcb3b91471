"""What the command line writes to its console, pipe or file, in which encoding.

Python writes to a pipe or a redirected file in the system's code page: on Chinese Windows
that is GBK (cp936), which has no ``•`` and no rarer name characters such as ``䶮``, so
``check 1 > 发现.txt`` or ``| findstr`` would fail half-way. The rule here:

* a Unicode encoding (UTF-8, UTF-16, and the Windows console itself, which Python writes as
  Unicode) is kept;
* GBK or GB2312 becomes **GB18030**: the same bytes for every character GBK has, and four
  bytes for the rest instead of an error, so findstr, .bat files and Excel read it as before
  and nothing is lost;
* any other code page (cp1252, Big5 …) cannot hold the volumes' text, so UTF-8 is written;
* ``--output-encoding NAME`` chooses another encoding outright,
  e.g. ``--output-encoding utf-8`` for a file other programs will read as UTF-8; a character
  it lacks becomes ``?``. (``PYTHONIOENCODING`` only sets the code page the rules start from.)

A real Windows console is written as Unicode by Python whatever the code page, so this only
matters for pipes and redirected files.

Progress and messages on stderr follow the same rule. Nothing written is ever an error.
"""

from __future__ import annotations

import argparse
import codecs
import locale
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: encodings that GB18030 extends byte for byte
_GB_FAMILY = {"gbk", "gb2312", "gb18030"}


def codec_name(name: str) -> str:
    """The codec's canonical name; an unknown one is a usage error (for argparse)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"不认识的编码 “{name}”（可用如 utf-8、gb18030）") from None


def output_encoding(stream_encoding: str, chosen: str | None = None) -> str:
    """The encoding to write a stream in that Python opened in ``stream_encoding``."""
    if chosen:
        return codec_name(chosen)
    name = codec_name(stream_encoding)
    if name.startswith("utf"):
        return name
    return "gb18030" if name in _GB_FAMILY else "utf-8"


def pipe_encoding() -> str:
    """What the command line writes into a pipe or file here when not told otherwise (Python
    opens those in the locale's encoding)."""
    return output_encoding(locale.getpreferredencoding(False))


@contextmanager
def console_streams(chosen: str | None = None) -> Iterator[None]:
    """stdout and stderr set by the rule above for the time of one command, then restored."""
    saved = []
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # a plain TextIOWrapper; tests may put others
        encoding = getattr(stream, "encoding", None)
        if reconfigure is None or not encoding:
            continue
        saved.append((stream, stream.encoding, stream.errors))
        # "replace": a character the encoding lacks (or a lone surrogate) becomes "?", never an error
        reconfigure(encoding=output_encoding(encoding, chosen), errors="replace")
    try:
        yield
    finally:
        for stream, encoding, errors in saved:
            try:
                stream.reconfigure(encoding=encoding, errors=errors)
            except (ValueError, OSError):  # closed or gone (a broken pipe): nothing to restore
                pass
