"""Read a FHIR Bundle entry by entry, without loading the whole file.

The top-level object is walked by hand; every value in it (and every element of
``entry``) is decoded by the standard library's C decoder. Memory stays near one
entry plus one read chunk, whatever the size of the census. The file's SHA-256 is
computed on the way, so a snapshot's content hash costs no second read.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from care_degraded.domain.errors import InvalidInput

CHUNK = 1 << 20
#: a single entry larger than this is not a census entry: refuse rather than swallow RAM
MAX_VALUE_CHARS = 64 << 20
_NON_WS = re.compile(r"[^ \t\n\r]")
_SEPARATOR = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")


class BundleStream:
    """Iterate ``(index, line, entry)`` over a Bundle's ``entry`` array.

    After the iteration, :attr:`header` holds the Bundle's other members
    (``resourceType``, ``type``, ``timestamp``, ``meta``...) and :attr:`sha256`
    the hex digest of the file's bytes. Malformed JSON raises InvalidInput naming
    the line.
    """

    def __init__(self, stream: BinaryIO, chunk: int = CHUNK) -> None:
        self._stream = stream
        self._chunk = chunk
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self._json = json.JSONDecoder()
        self._hash = hashlib.sha256()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line_base = 1  # line number of self._buf[0]
        self._line_mark = (0, 1)  # (position in buffer, its line): counting resumes there
        self._bytes_read = 0
        self.header: dict[str, Any] = {}
        self.sha256 = ""

    # -- reading ----------------------------------------------------------------------
    def _fill(self) -> bool:
        """Append one chunk to the buffer; False at end of file."""
        if self._eof:
            return False
        raw = self._stream.read(self._chunk)
        self._hash.update(raw)
        try:
            text = self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError:
            raise InvalidInput(f"the census file is not UTF-8 text (near byte "
                               f"{self._bytes_read}): save it as UTF-8") from None
        self._bytes_read += len(raw)
        if not raw:
            self._eof = True
            self.sha256 = self._hash.hexdigest()
        if self._pos > self._chunk:  # drop what was consumed, keep line numbers right
            self._line_base = self._line(self._pos)
            self._line_mark = (0, self._line_base)
            self._buf = self._buf[self._pos:]
            self._pos = 0
        self._buf += text
        return bool(raw) or bool(text)

    def _line(self, pos: int | None = None) -> int:
        """Line number at ``pos`` (default: the current position), counted incrementally."""
        pos = self._pos if pos is None else pos
        mark, line = self._line_mark
        if pos >= mark:
            line += self._buf.count("\n", mark, pos)
        else:
            line = self._line_base + self._buf.count("\n", 0, pos)
        self._line_mark = (pos, line)
        return line

    def _fail(self, what: str, pos: int | None = None) -> InvalidInput:
        line = self._line(pos)
        # One problem, said whole in one line (no detail list repeating it).
        return InvalidInput(f"the census file is malformed at line {line}: {what}")

    def _skip_ws(self) -> str:
        """The next significant character ('' at end of file), not consumed."""
        while True:
            found = _NON_WS.search(self._buf, self._pos)
            if found is not None:
                self._pos = found.start()
                return found.group()
            self._pos = len(self._buf)
            if not self._fill():
                return ""

    def _expect(self, chars: str, what: str) -> str:
        char = self._skip_ws()
        if not char or char not in chars:
            raise self._fail(f"expected {what}")
        self._pos += 1
        return char

    def _value(self, skip: bool = True) -> Any:
        """Decode one JSON value at the current position, reading more as needed."""
        if skip:
            self._skip_ws()
        while True:
            try:
                value, end = self._json.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof or len(self._buf) - self._pos > MAX_VALUE_CHARS:
                    start, line = self._line(self._pos), self._line(exc.pos)
                    where = f"line {line}" + (f" (value starting line {start})"
                                              if start != line else "")
                    raise InvalidInput(f"the census file is malformed at {where}: invalid JSON "
                                       f"({exc.msg})") from None
                self._fill()
                continue
            except RecursionError:
                # Thousands of nested brackets: no census is shaped like that.
                where = f"line {self._line(self._pos)}"
                raise InvalidInput(f"the census file is malformed at {where}: JSON nested "
                                   "too deeply") from None
            # A number cut by the chunk boundary would decode short: make sure.
            if end >= len(self._buf) and not self._eof and self._fill():
                continue
            self._pos = end
            return value

    # -- the Bundle -----------------------------------------------------------------------
    def __iter__(self) -> Iterator[tuple[int, int, Any]]:
        self._expect("{", "a JSON object (a FHIR Bundle)")
        index = 0
        if self._skip_ws() == "}":
            self._pos += 1
        else:
            while True:
                if self._skip_ws() != '"':
                    raise self._fail("expected a member name")
                key = self._value()
                self._expect(":", "':'")
                if key == "entry" and self._skip_ws() == "[":
                    self._pos += 1
                    if self._skip_ws() == "]":
                        self._pos += 1
                    else:
                        self._skip_ws()
                        while True:  # here is where a census spends its time
                            line = self._line()
                            yield index, line, self._value(skip=False)
                            index += 1
                            sep = _SEPARATOR.match(self._buf, self._pos)
                            if sep is not None and sep.end() < len(self._buf):
                                self._pos = sep.end()  # fast path: ',' and blanks in buffer
                                if sep.group(1) == "]":
                                    break
                                continue
                            if self._expect(",]", "',' or ']' in entry") == "]":
                                break
                            self._skip_ws()
                else:
                    self.header[str(key)] = self._value()
                if self._expect(",}", "',' or '}'") == "}":
                    break
        if self._skip_ws():
            raise self._fail("unexpected data after the Bundle")
        if not self.sha256:
            while self._fill():
                pass
