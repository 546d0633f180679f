"""The frame every app shares: language switch, pseudonym, answer store, status line, error guard."""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable
from typing import Any

import kit.store
from kit.apps.page_ready import after_page_ready
from kit.content import load
from kit.content.i18n import query_value, resolve_lang
from kit.content.vocabulary import LANGS

HUB_ACCOUNT_ENV = "STROM_KIT_PARTICIPANT"


class AppShell:
    """Language, participant and store for one app page; callbacks run through `guard`."""

    def __init__(self, app: str, lang: str | None = None, db_url: str | None = None, participant: str | None = None,
                 for_participants: bool = True):
        import ipywidgets as widgets


        self.app, self.kb = app, load()
        self.lang = resolve_lang(lang)
        self._relabellers: list[Callable[[str], None]] = []
        self._participant_listeners: list[Callable[[str], None]] = []
        self._reveal_listeners: list[Callable[[], None]] = []
        self._status: tuple[str, str, dict[str, Any]] | None = None
        self._saved: tuple[str, str, dict[str, Any]] | None = None
        self._save_states: list[Any] = []
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
        self.saved_under = widgets.HTML()  # the pseudonym the answers are saved under, once there is one
        self.saved_under.add_class("kit-saved-under")
        self.participant: str | None = None
        self._db_url = db_url
        self._store: Any = None
        self._store_error: str | None = None
        self.language.observe(self.guard(lambda change: self.set_language(change["new"])), names="value")
        self.pseudonym.observe(self.guard(lambda change: self._set_participant(change["new"])), names="value")
        # The page's language for the browser: the template sets <html lang> from this marker.
        self.language_marker = widgets.HTML(layout=widgets.Layout(display="none"))
        self.header = widgets.VBox([widgets.HBox([self.language, self.pseudonym]), self.saved_under, self.pseudonym_help,
                                    self.status, self.language_marker])
        self.header.add_class("kit-header")
        self.on_language(self._relabel)
        self._relabel(self.lang)
        if not for_participants:  # a trainer's page: no pseudonym box, nothing answered under a name
            self.pseudonym.layout.display = self.pseudonym_help.layout.display = self.saved_under.layout.display = "none"
            return
        hub_account = os.environ.get(HUB_ACCOUNT_ENV)  # on the hub the account is the pseudonym (kit.hub.spawner)
        start = participant or hub_account or query_value("participant")
        if start:
            self.pseudonym.value = start
        if hub_account:
            self.pseudonym.disabled = True

    def soon(self, callback: Callable[[], None]) -> None:
        """Run `callback` (guarded) once the page has its widgets (in JupyterLab or papermill:
        once the current cell has finished): the page shows first, slower parts follow."""
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

    def say(self, key: str, kind: str = "info", **values: Any) -> None:
        """Show the UI string `key` in the status line (info, ok or problem); it follows the
        language switch like every other text on the page."""
        self._status = (key, kind, values)
        self._render_status()

    def clear_status(self) -> None:
        self._status = None
        self._render_status()

    def save_state(self) -> Any:
        """A line to put beside the controls that save: "saved ✓" or "not saved: why"."""
        import ipywidgets as widgets

        line = widgets.HTML()
        line.add_class("kit-save-state")
        self._save_states.append(line)
        self._render_save_states()
        return line

    def ready_to_save(self) -> bool:
        """True when there is a pseudonym to save under; otherwise every save-state line says so,
        the pseudonym box takes the focus, and the caller should not score or save."""
        if self.participant:
            return True
        self._saved = ("app.pseudonym_needed", "problem", {})
        self._render_save_states()
        try:
            self.pseudonym.focus()
        except AttributeError:  # widgets without focus() (ipywidgets < 8)
            pass
        return False

    def guard(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback: an error becomes a friendly message, never a traceback."""

        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a room full of participants must not see tracebacks
                self.say("app.error", "problem", reason=_reason(exc))
                return None

        return guarded

    def save(self, item: str, answer: dict[str, Any], score: float | None = None, *, base_item: str | None = None,
             seed: int | str | None = None, elements: Any = None) -> bool:
        """Store an answer for the participant; False (said beside the controls) when it was not stored.
        `base_item` and `seed` name the bank case behind a variant, `elements` the result per element
        (for the room's dashboard; see AnswerStore.record). The answer is stored with the server's room
        (kit.store.lead.room_name): a led room counts only the answers given in it."""
        if not self.ready_to_save():
            return False
        if self.store is None:
            return self._not_saved(self._store_error or "-")

        try:
            self.store.record(self.participant, self.app, item, answer, score=score, lang=self.lang, base_item=base_item,
                              seed=seed, elements=elements, room=kit.store.room_name())
        except Exception as exc:  # noqa: BLE001 - the participant keeps working; the reason is shown
            return self._not_saved(_reason(exc))
        import time

        self._saved = ("app.saved_at", "ok", {"time": time.strftime("%H:%M")})
        self._render_save_states()
        return True

    def _not_saved(self, reason: str) -> bool:
        self._saved = ("app.not_saved", "problem", {"reason": reason})
        self._render_save_states()
        self.say("app.store_unavailable", "problem", reason=reason)
        return False

    def restored(self) -> dict[str, Any]:
        """The participant's latest answer per item of this app ({} without participant or store)."""
        if not self.participant or self.store is None:
            return {}
        return {item: stored.answer for item, stored in self.store.progress(self.participant, self.app).items()}

    @property
    def store(self) -> Any:
        """The answer store, opened on first use (the server checked the setting at start)."""
        if self._store is None and self._store_error is None:
            try:
                self._store = kit.store.open_store(self._db_url)
            except kit.store.StoreError as exc:
                self._store_error = str(exc)
                self.say("app.store_unavailable", "problem", reason=self._store_error)
        return self._store

    def _set_participant(self, value: str) -> None:
        name = " ".join(value.split())
        if not name:
            self.participant = None
            self._render_saved_under()
            self._saved = None
            self.clear_status()
            self._render_save_states()
            return
        if not kit.store.is_valid_pseudonym(name):
            self.participant = None
            self._render_saved_under()
            self.say("app.pseudonym_invalid", "problem")
            return
        self.participant = kit.store.pseudonym_key(name)
        self._render_saved_under()
        self._saved = None
        self._render_save_states()
        count = len(self.restored())
        if count:
            self.say("app.welcome_back", "ok", name=name, count=count)
        else:
            self.say("app.answering_as", "info", name=name)
        for listener in self._participant_listeners:
            listener(self.participant)

    def _render_status(self) -> None:
        if self._status is None:
            self.status.value = ""
            return
        key, kind, values = self._status
        self.status.value = _message_html(self.kb.ui(key, self.lang, **values), kind)

    def _render_save_states(self) -> None:
        if self._saved is None:
            text = "" if self.participant else _message_html(self.kb.ui("app.not_saved_yet", self.lang), "info")
        else:
            key, kind, values = self._saved
            text = _message_html(self.kb.ui(key, self.lang, **values), kind)
        for line in self._save_states:
            line.value = text

    def _relabel(self, lang: str) -> None:
        self.language_marker.value = f'<span data-kit-lang="{lang}"></span>'
        self.language.description = self.kb.ui("lang.label", lang)
        self.pseudonym.description = self.kb.ui("app.pseudonym", lang)
        self.pseudonym.placeholder = self.kb.ui("app.pseudonym", lang)
        self.pseudonym_help.value = f"<small>{html.escape(self.kb.ui('app.pseudonym_help', lang))}</small>"
        self._render_status()
        self._render_save_states()
        self._render_saved_under()

    def _render_saved_under(self) -> None:
        if not self.participant:
            self.saved_under.value = ""
            return
        key = f'<strong class="kit-saved-under-key">{html.escape(self.participant)}</strong>'
        line = html.escape(self.kb.ui("app.saved_under", self.lang, pseudonym="\0")).replace("\0", key)
        self.saved_under.value = (f'<div class="kit-saved-under-line" role="status">{line} '
                                  f'<small>{html.escape(self.kb.ui("app.saved_under_case", self.lang))}</small></div>')


def _message_html(text: str, kind: str) -> str:
    """A status message: a sign and a colour, so that the kind never rests on colour alone."""
    sign, colour, role = {"ok": ("✓", "#1b5e20", "status"), "problem": ("✗", "#8a1c1c", "alert")}.get(kind, ("", "#333", "status"))
    prefix = f'<span aria-hidden="true">{sign}</span> ' if sign else ""
    return f'<div role="{role}" class="kit-message kit-message-{kind}" style="color:{colour}">{prefix}{html.escape(text)}</div>'


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
