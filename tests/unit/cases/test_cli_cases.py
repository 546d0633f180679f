"""`strom-kit cases ...`: check, anonymise, import and export from the shell, error paths included."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from kit.cases.bank import BANK_DIR
from kit.cli import main


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_check_the_bank_is_clean():
    result = run("cases", "check", str(BANK_DIR))
    assert result.exit_code == 0, result.output


def test_check_reports_file_and_field(model_text, write_case):
    path = write_case(model_text, ("  means: [deception, other_coercion]", "  means: []"))
    result = run("cases", "check", str(path))
    assert result.exit_code == 1
    assert "case.yaml:truth.means: an adult's trafficking needs at least one means" in result.output


def test_check_finds_personal_data(model_text, write_case):
    path = write_case(model_text, ("När {she} kom fram", "När {she} ringde 070-123 45 67 och kom fram"))
    result = run("cases", "check", str(path))
    assert result.exit_code == 1
    assert "case.yaml:narrative.sv: personal data: phone" in result.output


def test_anonymise_is_line_by_line():
    result = run("cases", "anonymise", "--lang", "en", stdin="Call 070-123 45 67 today.\nNothing here.\n")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines == ["Call [phone number] today.", "Nothing here."]
    assert "line 1: phone at characters 5-" in result.stderr


def test_import_refuses_the_invalid_and_imports_the_rest(tmp_path, model_text):
    source = tmp_path / "incoming"
    source.mkdir()
    (source / "good.yaml").write_text(
        model_text.replace("{she} ringa sin mamma", "{she} ringa sin mamma på 070-123 45 67", 1), encoding="utf-8")
    (source / "bad.yaml").write_text(model_text.replace("  act: [recruitment, transport, harbouring]", "  act: []"), encoding="utf-8")
    (source / "broken.yaml").write_text("id: [", encoding="utf-8")
    into = tmp_path / "bank"
    result = run("cases", "import", str(source), "--into", str(into))
    assert result.exit_code == 1
    assert "refused bad.yaml:truth.act: trafficking needs at least one act" in result.stderr
    assert "refused broken.yaml:line" in result.stderr
    written = list(into.glob("*.yaml"))
    assert [p.name for p in written] == ["seed_promised_childcare_job_sham_marriage.yaml"]
    text = written[0].read_text(encoding="utf-8")
    assert "070-123" not in text and "[telefonnummer]" in text and "{she}" in text
    assert "kind: imported" in text
    again = run("cases", "import", str(source / "good.yaml"), "--into", str(into))
    assert again.exit_code == 1 and "exists already" in again.stderr
    assert run("cases", "check", str(into)).exit_code == 0


def test_export_formats():
    htcds = run("cases", "export", "--format", "htcds")
    assert htcds.exit_code == 0
    header = next(csv.reader(io.StringIO(htcds.output)))
    assert "vic_MethodsOfControl" in header and "prs_Nationality" in header
    assert run("cases", "export", "--format", "pdf").exit_code == 2


def test_check_finds_personal_data_in_the_contested_note(model_text, write_case):
    contested = ('contested:\n  sv: "Experter är oense; ring 070-123 45 67 för mer."\n'
                 '  en: "Experts disagree; call 070-123 45 67 for more."\nteaching_note:')
    path = write_case(model_text, ("teaching_note:", contested))
    result = run("cases", "check", str(path))
    assert result.exit_code == 1
    assert "case.yaml:contested.sv: personal data: phone" in result.output
