"""Drive a page as a person does, and look at it as a person would.

Input is real input only: the mouse wheel, touch swipes and taps (through Chromium's own input
pipeline), and keys. Nothing here scrolls by script or clicks through Playwright's locator actions,
which scroll elements into view by script and so pass where a person cannot reach a control.

Looks: visible text that is a raw id (`snake_case`), `NaN`, `None` or `(none)`; text of the other
language; content wider than the screen or clipped inside its box; tap targets smaller than a
finger (44 px on phones, 24 px on desktops); `<html lang>`; the keyboard focus ring's contrast.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]  # offline, in a container


@dataclass(frozen=True)
class Screen:
    """A device a participant brings."""

    name: str
    width: int
    height: int
    touch: bool

    @property
    def min_target(self) -> int:
        return 44 if self.touch else 24


PHONE = Screen("phone", 390, 844, True)
LAPTOP = Screen("laptop", 1366, 768, False)
PROJECTOR = Screen("projector", 1024, 768, False)
SCREENS = (PHONE, LAPTOP, PROJECTOR)


class Person:
    """One participant's browser tab on one screen."""

    def __init__(self, browser, screen: Screen):
        self.screen = screen
        self.context = browser.new_context(
            viewport={"width": screen.width, "height": screen.height},
            has_touch=screen.touch, is_mobile=screen.touch, device_scale_factor=1)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)

    def open(self, url: str, selector: str, timeout_ms: int = 90_000):
        self.page.goto(url, wait_until="domcontentloaded")
        self.page.wait_for_selector(selector, state="visible", timeout=timeout_ms)
        return self.page

    def close(self) -> None:
        self.page.close(run_before_unload=True)
        self.context.close()

    # --- where the page is ------------------------------------------------------------------

    def scroll_top(self) -> float:
        """How far the page has scrolled, wherever the scrolling happens (document or a box)."""
        return self.page.evaluate("""() => {
            let top = document.scrollingElement.scrollTop;
            for (const el of document.querySelectorAll('main, #rendered_cells, body')) top = Math.max(top, el.scrollTop);
            return top; }""")

    def box(self, locator):
        locator.first.wait_for(state="attached", timeout=15_000)
        return locator.first.bounding_box()

    def in_view(self, locator) -> bool:
        """The element's middle is on the screen (and it has a size)."""
        box = self.box(locator)
        if not box or box["width"] == 0 or box["height"] == 0:
            return False
        middle = box["y"] + box["height"] / 2
        return 0 <= middle <= self.screen.height and box["x"] + box["width"] / 2 <= self.screen.width

    # --- real input ---------------------------------------------------------------------------

    def wheel(self, dy: float) -> None:
        self.page.mouse.move(self.screen.width / 2, self.screen.height / 2)
        self.page.mouse.wheel(0, dy)
        self.settle()

    def swipe(self, dy: float) -> None:
        """A finger drawn up the screen (dy > 0: the page goes down), as touch events through
        Chromium's input pipeline (the same path a phone's touches take)."""
        x, start = self.screen.width / 2, self.screen.height * (0.8 if dy > 0 else 0.2)
        steps = 10
        self.cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": start}]})
        for step in range(1, steps + 1):
            self.page.wait_for_timeout(16)
            y = max(1.0, min(self.screen.height - 1.0, start - dy * step / steps))
            self.cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        self.cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        self.settle()

    def scroll_by_hand(self, dy: float) -> None:
        """The device's own way of scrolling: a swipe on touch screens, the wheel elsewhere."""
        (self.swipe if self.screen.touch else self.wheel)(dy)

    def reach(self, locator, max_moves: int = 80) -> None:
        """Scroll by hand until `locator` is on the screen; fail if the page stops moving first."""
        for _ in range(max_moves):
            if self.in_view(locator):
                return
            box = self.box(locator)
            step = 0.6 * self.screen.height
            before = self.scroll_state()
            below = bool(box) and box["y"] + box["height"] / 2 > self.screen.height / 2  # by its middle: a tall element too
            self.scroll_by_hand(step if below else -step)
            if self.scroll_state() == before and not self.in_view(locator):
                # Widgets just drawn can still be laid out when a touch lands: a person tries once more.
                self.page.wait_for_timeout(1500)
                self.scroll_by_hand(step if below else -step)
            if self.scroll_state() == before and not self.in_view(locator):
                raise AssertionError(f"cannot reach {locator} by {'swipe' if self.screen.touch else 'wheel'}: "
                                     f"the page stopped at {self.scroll_top():.0f} px, the element is at {box}")
        raise AssertionError(f"{locator} not reached after {max_moves} moves")

    def tap(self, locator) -> None:
        """Reach `locator` by hand, then tap it (touch) or click its middle (mouse)."""
        self.reach(locator)
        box = self.box(locator)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        if self.screen.touch:
            self.page.touchscreen.tap(x, y)
        else:
            self.page.mouse.click(x, y)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
        self.settle()

    def settle(self, limit_ms: int = 3000) -> None:
        """Wait until a (smooth) scroll has come to rest."""
        last, waited = self.scroll_top(), 0
        while waited < limit_ms:
            self.page.wait_for_timeout(100)
            waited += 100
            now = self.scroll_top()
            if now == last:
                return
            last = now

    def tab_to(self, locator, max_presses: int = 200) -> int:
        """Press Tab until `locator` (or something inside it) has the focus; the number of presses."""
        handle = locator.first.element_handle(timeout=15_000)
        for presses in range(1, max_presses + 1):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("el => el === document.activeElement || el.contains(document.activeElement)", handle):
                return presses
        raise AssertionError(f"{locator} not reached with {max_presses} Tab presses")

    def scroll_state(self) -> float:
        """Every scroll offset on the page added up: moves when the page or any box in it scrolls
        (the wheel scrolls a box under the pointer first, then the page)."""
        return self.page.evaluate("""() => { let sum = document.scrollingElement.scrollTop;
            for (const el of document.querySelectorAll('main *')) sum += el.scrollTop; return sum; }""")

    def to_bottom_by_hand(self, max_moves: int = 120) -> float:
        """Scroll down by hand until nothing on the page moves any more; the page's scroll offset."""
        last = None
        for _ in range(max_moves):
            self.scroll_by_hand(0.8 * self.screen.height)
            now = self.scroll_state()
            if now == last and self.at_bottom():
                break
            last = now
        return self.scroll_top()

    def last_control_in_view(self) -> bool:
        """The visible control lowest on the page has its middle on the screen."""
        return self.page.evaluate("""(selector) => {
            let lowest = null, bottom = -1;
            for (const el of document.querySelectorAll(selector)) {
              const s = getComputedStyle(el), r = el.getBoundingClientRect();
              if (s.display === 'none' || s.visibility === 'hidden' || r.width === 0 || r.height === 0) continue;
              const b = r.bottom + window.scrollY;
              if (b > bottom) { bottom = b; lowest = r; }
            }
            if (!lowest) return true;
            const middle = (lowest.top + lowest.bottom) / 2;
            return middle >= 0 && middle <= window.innerHeight; }""", INTERACTIVE)

    # --- what a person sees -------------------------------------------------------------------

    def end_key_to_bottom(self, presses: int = 3) -> bool:
        """Press End (again, as a person would, while the page is still growing) until the end of
        the page is on screen; False if a press leaves the page where it was without reaching it."""
        for _ in range(presses):
            before = self.scroll_top()
            self.press("End")
            if self.at_bottom():
                return True
            if self.scroll_top() == before:
                return False
        return self.at_bottom()

    def at_bottom(self) -> bool:
        return self.page.evaluate("""() => { const s = document.scrollingElement;
            return s.scrollTop + window.innerHeight >= s.scrollHeight - 2; }""")

    def visible_texts(self) -> list[str]:
        """Every visible piece of text: text nodes, option labels, placeholders, button values."""
        return self.page.evaluate(VISIBLE_TEXTS_JS)

    def raw_values(self) -> list[str]:
        """Visible text that is a machine value: an id, NaN, None or (none)."""
        found = []
        for text in self.visible_texts():
            found += [m.group(0) for m in RAW_VALUE.finditer(text)]
        return sorted(set(found))

    def other_language(self, catalogue_other: set[str]) -> list[str]:
        """Visible texts that are UI strings of the other language (and not of this one)."""
        texts = {" ".join(t.split()) for t in self.visible_texts()}
        return sorted(t for t in texts if t in catalogue_other)

    def wider_than_screen(self) -> list[str]:
        """The page scrolls sideways, or elements stick out of it / are clipped in their box."""
        return self.page.evaluate(OVERFLOW_JS)

    def small_targets(self) -> list[str]:
        return self.page.evaluate(SMALL_TARGETS_JS, self.screen.min_target)

    def html_lang(self) -> str:
        return self.page.evaluate("document.documentElement.lang")

    def focus_ring_contrast(self) -> float:
        """Contrast of the focused element's outline against the page behind it (focus one first)."""
        return self.page.evaluate(FOCUS_CONTRAST_JS)

    def looks_right(self, lang: str) -> None:
        """What the person sees is in their language and labelled, fits the screen and can be hit."""
        assert not self.raw_values(), f"raw values on screen: {self.raw_values()}"
        wrong = self.other_language(only_in(other_lang(lang)))
        assert not wrong, f"text of the other language on a {lang} page: {wrong[:8]}"
        assert not self.wider_than_screen(), "\n".join(self.wider_than_screen())
        assert not self.small_targets(), f"targets under {self.screen.min_target} px:\n" + "\n".join(self.small_targets())

    def wait_focus_in(self, css_class: str, timeout: int = 15_000) -> None:
        """Wait until the keyboard focus is on (or inside) the element with `css_class`."""
        self.page.wait_for_function(
            f"document.activeElement && document.activeElement.closest('.{css_class}') !== null", timeout=timeout)

    def choose(self, select_css: str, label: str) -> None:
        """Tap a list (a select), move through it with the arrow keys to `label`, then Enter."""
        select = self.page.locator(select_css)
        self.tap(select)
        options = [" ".join(o.split()) for o in select.locator("option").all_inner_texts()]
        wanted, here = options.index(label), select.evaluate("el => el.selectedIndex")
        for _ in range(abs(wanted - here)):
            self.page.keyboard.press("ArrowDown" if wanted > here else "ArrowUp")
        self.page.keyboard.press("Enter")
        self.page.wait_for_function(f"document.querySelector('{select_css}').selectedIndex === {wanted}", timeout=10_000)

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def other_lang(lang: str) -> str:
    return "en" if lang == "sv" else "sv"


@functools.cache
def only_in(lang: str) -> frozenset[str]:
    """Texts that belong to `lang` only: UI strings and content labels whose translation differs.
    A language's own name ("Svenska", "English" on the switch) is shown in both languages by design."""
    from kit.content import load
    from kit.content.models import Text

    kb = load()
    texts = [text for key, text in kb.ui_strings.items() if key != "lang.self_name"]
    for kind in kb.kinds:
        for item in kb.items(kind):
            texts += [getattr(item, field) for field in ("name", "label", "title", "question")
                      if isinstance(getattr(item, field, None), Text)]
    other = other_lang(lang)
    mine = {" ".join(t.get(lang).split()) for t in texts if t.get(lang) != t.get(other) and "{" not in t.get(lang)}
    theirs = {" ".join(t.get(other).split()) for t in texts}
    return frozenset(mine - theirs - {kb.ui("lang.self_name", code) for code in ("sv", "en")})


INTERACTIVE = "main button, main a[href], main input:not([type=hidden]), main select, main textarea, main summary"
RAW_VALUE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bNaN\b|\bNone\b|\(none\)|\bnull\b|\bundefined\b")

VISIBLE_TEXTS_JS = """() => {
  const out = [];
  const shown = el => { if (!el) return false; const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
    if (parent.closest('[aria-hidden="true"]') && parent.tagName !== 'OPTION') continue;
    if (parent.tagName === 'OPTION' ? shown(parent.closest('select')) : shown(parent)) out.push(text);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
    if (shown(el) && el.placeholder.trim()) out.push(el.placeholder.trim());
  for (const el of document.querySelectorAll('input[type=text], textarea'))
    if (shown(el) && el.value.trim()) out.push(el.value.trim());
  return out; }"""

OVERFLOW_JS = """() => {
  const out = [];
  const doc = document.scrollingElement;
  if (doc.scrollWidth > window.innerWidth + 1) out.push(`the page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
  const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
  for (const el of document.querySelectorAll('main *')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    const label = (el.className && el.className.toString ? el.className.toString() : el.tagName).slice(0, 60) + ' «' + (el.innerText || el.value || '').trim().slice(0, 40) + '»';
    if (r.right > window.innerWidth + 1 && !el.closest('.kit-scroll-x')) { out.push(`sticks out by ${Math.round(r.right - window.innerWidth)} px: ${label}`); continue; }
    const s = getComputedStyle(el);
    const clips = s.overflowX === 'hidden' || s.textOverflow === 'ellipsis';
    const leaf = ['BUTTON', 'LABEL', 'SPAN', 'A', 'SELECT'].includes(el.tagName) || el.classList.contains('widget-label');
    if (clips && leaf && el.scrollWidth > el.clientWidth + 2 && (el.innerText || '').trim()) out.push(`clipped: ${label}`);
  }
  return out.slice(0, 30); }"""

SMALL_TARGETS_JS = """(min) => {
  const out = [];
  const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
  const targets = document.querySelectorAll('main button, main a[href], main input, main select, main textarea, main summary, main [role=button], main [role=tab]');
  for (const el of targets) {
    if (!shown(el) || el.disabled || el.type === 'hidden') continue;
    // a checkbox or radio inside its label: the label is what the finger hits
    const target = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') ? el.closest('label') : el;
    const r = target.getBoundingClientRect();
    if (r.width < min - 0.5 || r.height < min - 0.5)
      out.push(`${Math.round(r.width)}×${Math.round(r.height)} px: ${el.tagName.toLowerCase()} «${(target.innerText || el.value || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 40)}»`);
  }
  return out; }"""

FOCUS_CONTRAST_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 0;
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const s = getComputedStyle(el);
  let ring = null;
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ring = parse(s.outlineColor);
  else if (s.boxShadow && s.boxShadow !== 'none') ring = parse(s.boxShadow);
  if (!ring) return 0;
  let back = null;
  for (let node = el.parentElement; node && !back; node = node.parentElement) back = parse(getComputedStyle(node).backgroundColor);
  back = back || [255, 255, 255];
  const [a, b] = [lum(ring), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05); }"""
