"""The knowledge-base snapshot: used when the content is unchanged, rebuilt when it is not or when broken."""

from __future__ import annotations

from kit.content.loader import load
from kit.content.snapshot import read_snapshot, snapshot_path


def test_a_snapshot_is_kept_reused_and_replaced_after_an_edit(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load.cache_clear()
    first = load(data_copy)
    path = snapshot_path(data_copy)
    assert path.exists() and read_snapshot(path).ids("indicators") == first.ids("indicators")
    ui = data_copy / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + '\nsnapshot.test: {sv: "ny", en: "new"}\n', encoding="utf-8")
    load.cache_clear()
    assert snapshot_path(data_copy) != path
    assert load(data_copy).ui("snapshot.test", "en") == "new"
    load.cache_clear()


def test_a_broken_snapshot_is_rebuilt_and_broken_content_is_never_kept(data_copy, tmp_path, monkeypatch):
    import pytest

    from kit.content.problems import ContentError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = snapshot_path(data_copy)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    load.cache_clear()
    assert load(data_copy).ids("forms")
    assert read_snapshot(path) is not None
    (data_copy / "forms.yaml").write_text("forms: [", encoding="utf-8")
    load.cache_clear()
    with pytest.raises(ContentError):
        load(data_copy)
    assert not snapshot_path(data_copy).exists()
    load.cache_clear()
