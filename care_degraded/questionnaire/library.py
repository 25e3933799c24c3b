"""The form library: every Questionnaire JSON in a folder, every version kept.

A record names the form url and version it was made with; the library must find
that exact definition even after the file has been updated (older versions can sit
beside the current one, e.g. ``forms/archive/vital-signs-1.0.0.json``).
"""

from __future__ import annotations

import builtins
from pathlib import Path

from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.questionnaire.loader import load_questionnaire
from care_degraded.questionnaire.spec import FormSpec


def _version_key(version: str | None) -> tuple[tuple[int, str], ...]:
    parts = (version or "").replace("-", ".").split(".")
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


class FormLibrary:
    """All forms found (recursively) in ``forms_dir``, then in each of ``extra_dirs`` (an
    establishment's own forms, loaded after the shipped library: new forms, or new
    versions of shipped ones); invalid files raise InvalidInput."""

    def __init__(self, forms_dir: str | Path, extra_dirs: tuple[Path, ...] = ()) -> None:
        self.forms_dir = Path(forms_dir)
        # a folder named twice (the shipped one given again as the establishment's) loads once
        seen = {self.forms_dir.resolve()}
        extras = []
        for d in (Path(d) for d in extra_dirs):
            if d.resolve() not in seen:
                seen.add(d.resolve())
                extras.append(d)
        self.extra_dirs = tuple(extras)
        self._by_url: dict[str, dict[str | None, FormSpec]] = {}
        self._short: dict[str, str] = {}
        for folder in (self.forms_dir, *self.extra_dirs):
            self._add_all(folder)

    def _add_all(self, folder: Path) -> None:
        if not folder.is_dir():
            raise NotFound(f"{folder}: form folder not found")
        for path in sorted(folder.rglob("*.json")):
            self.add(load_questionnaire(path))

    def extended(self, specs: builtins.list[FormSpec]) -> FormLibrary:
        """A new library: this one plus ``specs`` (this one is left as it is)."""
        other = FormLibrary.__new__(FormLibrary)
        other.forms_dir, other.extra_dirs = self.forms_dir, self.extra_dirs
        other._by_url = {url: dict(v) for url, v in self._by_url.items()}
        other._short = dict(self._short)
        for spec in specs:
            other.add(spec)
        return other

    def add(self, spec: FormSpec) -> None:
        """Register a loaded form (a form without url is known by its short id)."""
        url = spec.url or spec.short_id
        versions = self._by_url.setdefault(url, {})
        if spec.version in versions:
            raise InvalidInput(f"{spec.source}: {url} version {spec.version} is defined twice")
        versions[spec.version] = spec
        owner = self._short.setdefault(spec.short_id, url)
        if owner != url:
            raise InvalidInput(f"{spec.source}: short id {spec.short_id!r} already used by {owner}")

    def list(self) -> builtins.list[FormSpec]:
        """The latest version of every form, checklists last, then by short id."""
        latest = [self._latest(url) for url in self._by_url]
        return sorted(latest, key=lambda s: (s.is_checklist, s.short_id))

    def versions(self, url_or_id: str) -> builtins.list[FormSpec]:
        """Every known version of a form, oldest first."""
        url = self._resolve(url_or_id)
        return sorted(self._by_url[url].values(), key=lambda s: _version_key(s.version))

    def get(self, url_or_id: str, version: str | None = None) -> FormSpec:
        """A form by url, ``url|version`` or short id; the latest version unless asked.

        Raises NotFound (exit 5) when the form or the version is unknown.
        """
        if version is None and "|" in url_or_id:
            url_or_id, version = url_or_id.split("|", 1)
        url = self._resolve(url_or_id)
        if version is None:
            return self._latest(url)
        try:
            return self._by_url[url][version]
        except KeyError:
            raise NotFound(f"form {url} has no version {version}") from None

    def _resolve(self, url_or_id: str) -> str:
        if url_or_id in self._by_url:
            return url_or_id
        if url_or_id in self._short:
            return self._short[url_or_id]
        raise NotFound(f"unknown form {url_or_id!r}")

    def _latest(self, url: str) -> FormSpec:
        return max(self._by_url[url].values(), key=lambda s: _version_key(s.version))

    def __len__(self) -> int:
        return len(self._by_url)
