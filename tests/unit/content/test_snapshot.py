"""The knowledge-base snapshot: used when the content is unchanged, rebuilt when it is not or when broken."""

from __future__ import annotations

from kit.content.loader import load
from kit.content.snapshot import read_snapshot, snapshot_path


def test_a_snapshot_is_kept_reused_and_replaced_after_an_edit(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load.cache_clear()
    first = load(data_copy)
    path = snapshot_path("knowledge-base", data_copy)
    assert path.exists() and read_snapshot(path).ids("indicators") == first.ids("indicators")
    ui = data_copy / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + '\nsnapshot.test: {sv: "ny", en: "new"}\n', encoding="utf-8")
    load.cache_clear()
    assert snapshot_path("knowledge-base", data_copy) != path
    assert load(data_copy).ui("snapshot.test", "en") == "new"
    load.cache_clear()


def test_a_broken_snapshot_is_rebuilt_and_broken_content_is_never_kept(data_copy, tmp_path, monkeypatch):
    import pytest

    from kit.content.problems import ContentError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = snapshot_path("knowledge-base", data_copy)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    load.cache_clear()
    assert load(data_copy).ids("forms")
    assert read_snapshot(path) is not None
    (data_copy / "forms.yaml").write_text("forms: [", encoding="utf-8")
    load.cache_clear()
    with pytest.raises(ContentError):
        load(data_copy)
    assert not snapshot_path("knowledge-base", data_copy).exists()
    load.cache_clear()


def test_the_kits_case_bank_chain_and_surface_words_are_snapshotted_and_read_back(tmp_path, monkeypatch):
    from kit.cases import bank, narrative
    from kit.nrm import chain

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loaders = ((bank.load_bank, bank, "read_bank"), (chain.load_chain, chain, "read_chain"), (narrative.surface, narrative, "read_surface"))
    first = {}
    for load_content, _module, _reader in loaders:
        load_content.cache_clear()
        first[load_content] = load_content()
    kinds = sorted(path.name.split("-")[0] + "-" + path.name.split("-")[1] for path in (tmp_path / "cache" / "strom-kit").glob("*.pickle"))
    assert kinds == ["case-bank", "case-surface", "knowledge-base", "nrm-chain"]

    def no_yaml(*_args):
        raise AssertionError("read from YAML although a snapshot is there")

    for load_content, module, reader in loaders:
        monkeypatch.setattr(module, reader, no_yaml)
        load_content.cache_clear()
        assert load_content() == first[load_content]
        load_content.cache_clear()


def test_a_cohorts_own_cases_are_never_snapshotted(tmp_path, monkeypatch):
    import shutil

    from kit.cases.bank import BANK_DIR, load_bank

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    material = tmp_path / "material" / "cases"
    material.mkdir(parents=True)
    for path in sorted(BANK_DIR.glob("*.yaml"))[:3]:
        shutil.copy(path, material / path.name)
    load_bank.cache_clear()
    assert len(load_bank(material)) == 3
    assert not list((tmp_path / "cache").rglob("case-bank-*"))
    load_bank.cache_clear()
