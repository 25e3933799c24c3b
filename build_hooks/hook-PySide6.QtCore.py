# The standard PySide6 hook, keeping only the Qt plugins listed in qt_plugins.KEEP.
import os
import sys

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, os.path.dirname(__file__))
from qt_plugins import filtered  # noqa: E402

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = filtered(binaries)
