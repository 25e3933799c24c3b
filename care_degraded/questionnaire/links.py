"""Checks across items: unique linkIds, enableWhen targets that exist, no cycles."""

from __future__ import annotations

from care_degraded.questionnaire.spec import FormSpec, Item


class Malformed(Exception):
    """A definition error; the loader turns it into one InvalidInput naming the file."""


def check_links(spec: FormSpec) -> None:
    """Duplicate linkIds, enableWhen pointing nowhere, and enableWhen cycles."""
    seen: dict[str, Item] = {}
    parent: dict[str, str] = {}
    for item in spec.walk():
        if item.link_id in seen:
            raise Malformed(f"linkId {item.link_id!r} is used twice")
        seen[item.link_id] = item
        for child in item.items:
            parent[child.link_id] = item.link_id
    deps: dict[str, list[str]] = {}
    for link_id, item in seen.items():
        targets = []
        for w in item.enable_when:
            if w.question not in seen:
                raise Malformed(f"item {link_id!r}: enableWhen points to unknown "
                                 f"item {w.question!r}")
            targets.append(w.question)
        if link_id in parent:
            targets.append(parent[link_id])
        deps[link_id] = targets
    _find_cycle(deps)


def _find_cycle(deps: dict[str, list[str]]) -> None:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in deps:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            targets = deps.get(node, [])
            if i < len(targets):
                stack[-1] = (node, i + 1)
                nxt = targets[i]
                if state.get(nxt) == 1:
                    raise Malformed(f"item {nxt!r}: enableWhen forms a cycle")
                if not state.get(nxt):
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                stack.pop()
