"""The frame every app shares: language switch, pseudonym, answer store, status line, error guard."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

from kit.content.i18n import query_value, resolve_lang
from kit.content.vocabulary import LANGS


class AppShell:
    """Language, participant and store for one app page; callbacks run through `guard`."""

    def __init__(self, app: str, lang: str | None = None, db_url: str | None = None, participant: str | None = None):
        import ipywidgets as widgets

        from kit.content import load

        self.app, self.kb = app, load()
        self.lang = resolve_lang(lang)
        self._relabellers: list[Callable[[str], None]] = []
        self._participant_listeners: list[Callable[[str], None]] = []
        self._reveal_listeners: list[Callable[[], None]] = []
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.status.add_class("kit-status")
        self.language = widgets.ToggleButtons(
            options=[(self.kb.ui("lang.self_name", code), code) for code in LANGS], value=self.lang,
            tooltips=[self.kb.ui(f"lang.{code}", code) for code in LANGS],
        )
        self.language.add_class("kit-lang-switch")
        self.pseudonym = widgets.Text(continuous_update=False, layout=widgets.Layout(width="22em"))
        self.pseudonym.add_class("kit-pseudonym")
        self.pseudonym_help = widgets.HTML()
        self.participant: str | None = None
        self._db_url = db_url
        self._store: Any = None
        self._store_error: str | None = None
        self.language.observe(self.guard(lambda change: self.set_language(change["new"])), names="value")
        self.pseudonym.observe(self.guard(lambda change: self._set_participant(change["new"])), names="value")
        self.header = widgets.VBox([widgets.HBox([self.language, self.pseudonym]), self.pseudonym_help, self.status])
        self.on_language(self._relabel)
        self._relabel(self.lang)
        start = participant or query_value("participant")
        if start:
            self.pseudonym.value = start

    def soon(self, callback: Callable[[], None]) -> None:
        """Run `callback` (guarded) once the page has its widgets (in JupyterLab or papermill:
        once the current cell has finished): the page shows first, slower parts follow."""
        from kit.apps.page_ready import after_page_ready

        after_page_ready(self.guard(callback))

    def gated(self, content: Any) -> Any:
        """`content` behind a content note and a button that reveals it (distressing material)."""
        import ipywidgets as widgets

        note = widgets.HTML()
        button = widgets.Button(icon="check", layout=widgets.Layout(width="auto", min_width="8em"))
        button.add_class("kit-note-ok")
        gate = widgets.VBox([note, button])

        def reveal(_: Any) -> None:
            # The material joins the page only now: the first page is light and fast to show.
            gate.children = (note, content)
            for listener in self._reveal_listeners:
                listener()

        def relabel(lang: str) -> None:
            note.value = (f'<div class="kit-note" role="note"><strong>{html.escape(self.kb.ui("start.content_note_title", lang))}</strong>'
                          f"<p>{html.escape(self.kb.ui('start.content_note', lang))}</p></div>")
            button.description = self.kb.ui("app.content_note_button", lang)

        button.on_click(self.guard(reveal))
        self.on_language(relabel)
        relabel(self.lang)
        return gate

    def on_reveal(self, listener: Callable[[], None]) -> None:
        """Call `listener()` when the participant has read the content note and opened the material."""
        self._reveal_listeners.append(listener)

    def ui(self, key: str, **values: Any) -> str:
        """A UI string in the current language."""
        return self.kb.ui(key, self.lang, **values)

    def on_language(self, relabel: Callable[[str], None]) -> None:
        """Call `relabel(lang)` whenever the language changes (labels change in place)."""
        self._relabellers.append(relabel)

    def on_participant(self, listener: Callable[[str], None]) -> None:
        """Call `listener(pseudonym)` when a valid pseudonym is set."""
        self._participant_listeners.append(listener)
        if self.participant:
            listener(self.participant)

    def set_language(self, lang: str) -> None:
        self.lang = resolve_lang(lang)
        if self.language.value != self.lang:
            self.language.value = self.lang
        for relabel in self._relabellers:
            relabel(self.lang)

    def say(self, text: str, kind: str = "info") -> None:
        """Show a short message in the status line (info, ok or problem)."""
        colour = {"ok": "#1b5e20", "problem": "#8a1c1c"}.get(kind, "#333")
        role = "alert" if kind == "problem" else "status"
        self.status.value = f'<div role="{role}" style="color:{colour}">{html.escape(text)}</div>'

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback: an error becomes a friendly message, never a traceback."""

        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a room full of participants must not see tracebacks
                self.say(self.ui("app.error", reason=_reason(exc)), "problem")
                return None

        return guarded

    def save(self, item: str, answer: dict[str, Any], score: float | None = None) -> bool:
        """Store an answer for the participant; False (with a message) when it could not be stored."""
        if not self.participant:
            self.say(self.ui("app.pseudonym_needed"), "problem")
            return False
        if self.store is None:
            self.say(self.ui("app.store_unavailable", reason=self._store_error or "-"), "problem")
            return False
        try:
            self.store.record(self.participant, self.app, item, answer, score=score, lang=self.lang)
        except Exception as exc:  # noqa: BLE001
            self.say(self.ui("app.store_unavailable", reason=_reason(exc)), "problem")
            return False
        return True

    def restored(self) -> dict[str, Any]:
        """The participant's latest answer per item of this app ({} without participant or store)."""
        if not self.participant or self.store is None:
            return {}
        return {item: stored.answer for item, stored in self.store.progress(self.participant, self.app).items()}

    @property
    def store(self) -> Any:
        """The answer store, opened on first use (the server checked the setting at start)."""
        if self._store is None and self._store_error is None:
            from kit.store import StoreError, open_store

            try:
                self._store = open_store(self._db_url)
            except StoreError as exc:
                self._store_error = str(exc)
                self.say(self.ui("app.store_unavailable", reason=self._store_error), "problem")
        return self._store

    def _set_participant(self, value: str) -> None:
        from kit.store import is_valid_pseudonym

        name = value.strip()
        if not name:
            self.participant = None
            return
        if not is_valid_pseudonym(name):
            self.say(self.ui("app.pseudonym_invalid"), "problem")
            return
        self.participant = name
        count = len(self.restored())
        if count:
            self.say(self.ui("app.welcome_back", name=name, count=count), "ok")
        else:
            self.status.value = ""
        for listener in self._participant_listeners:
            listener(name)

    def _relabel(self, lang: str) -> None:
        self.language.description = self.kb.ui("lang.label", lang)
        self.pseudonym.description = self.kb.ui("app.pseudonym", lang)
        self.pseudonym.placeholder = self.kb.ui("app.pseudonym", lang)
        self.pseudonym_help.value = f"<small>{html.escape(self.kb.ui('app.pseudonym_help', lang))}</small>"


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
