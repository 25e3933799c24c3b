"""Which Qt plugins the ward executable carries (used by the PySide6 hooks beside it).

PyInstaller's own PySide6 hooks collect every plugin of each type a module uses
(platforms, platform themes, image formats...), and then every system library those
plugins link to: the GTK theme alone drags GTK, Cairo and Pango from the build machine.
These hooks run the standard collection and keep only the plugins below, before the
dependency analysis, so nothing is collected for a plugin that is not shipped.
"""

from __future__ import annotations

from pathlib import Path

KEEP = {
    # offscreen: tests and headless runs; xcb: X11 (and XWayland); windows: Windows
    "platforms": {"qoffscreen", "qxcb", "qwindows"},
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    # dead keys and compose (ê, ç, œ on a French keyboard) under X11
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    # lists the printers in the print dialog (CUPS: the ward machine's own libcups)
    "printsupport": {"cupsprintersupport", "windowsprintersupport"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
    "imageformats": {"qico"},
}


def plugin_name(path: str) -> tuple[str, str] | None:
    """(plugin type, plugin name) for a file in a Qt plugins folder, else None."""
    parts = Path(path).parts
    if "plugins" not in parts or parts.index("plugins") + 1 >= len(parts):
        return None
    kind = parts[parts.index("plugins") + 1]
    stem = parts[-1].split(".")[0]
    return kind, stem[3:] if stem.startswith("lib") else stem


def wanted(entry: tuple[str, str]) -> bool:
    """Keep a (source, destination folder) pair unless it is a plugin not in KEEP."""
    source, _dest = entry
    found = plugin_name(source)
    return found is None or found[1] in KEEP.get(found[0], ())


def filtered(binaries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [entry for entry in binaries if wanted(entry)]
