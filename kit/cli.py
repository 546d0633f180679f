"""The `strom-kit` command: thin click commands over the kit's packages."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import kit.apps
import kit.cases
import kit.content
import kit.mapping
from kit import __version__
from kit.apps.serve_settings import KERNEL_MODES, ServeSettings, serve_default
from kit.content.knowledge_base import UnknownIdError
from kit.content.loader import DATA_DIR, load_uncached
from kit.content.problems import ContentError
from kit.content.vocabulary import DEFAULT_LANG, LANGS
from kit.course_cli import course
from kit.hub_cli import hub

LANG_CHOICE = click.Choice(list(LANGS))


class KitGroup(click.Group):
    """A click group that turns broken content into a readable report instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            click.echo(f"{len(exc.problems)} problem(s):", err=True)
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            ctx.exit(1)


@click.group(cls=KitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strom-kit")
def main() -> None:
    """STROM training kit: trafficking in human beings, for local actors in the Baltic Sea region."""


@main.group()
def content() -> None:
    """Check and read the knowledge base."""


@content.command("check")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Content folder to check (default: the kit's own).")
@click.option("--lang", type=LANG_CHOICE, default=DEFAULT_LANG, show_default=True)
def content_check(data_dir: Path | None, lang: str) -> None:
    """Validate all content; print item counts per kind, or every problem as file:field: message."""
    kb = load_uncached(data_dir or DATA_DIR)
    counts = kb.counts()
    width = max(len(kind) for kind in counts)
    click.echo(f"{kb.ui('cli.kind', lang).ljust(width)}  {kb.ui('cli.count', lang)}")
    for kind, count in counts.items():
        click.echo(f"{kind.ljust(width)}  {count:>5}")
    click.echo(f"{kb.ui('cli.total', lang).ljust(width)}  {sum(counts.values()):>5}")
    click.echo(kb.ui("cli.check_ok", lang, items=sum(counts.values()), kinds=len(counts)))


@content.command("show")
@click.argument("kind")
@click.argument("item_id", required=False)
@click.option("--lang", type=LANG_CHOICE, default=DEFAULT_LANG, show_default=True)
def content_show(kind: str, item_id: str | None, lang: str) -> None:
    """Print the items of KIND, or the item ID of KIND in full."""
    kb = kit.content.load()
    try:
        text = kit.content.render_item(kb, kb.get(kind, item_id), lang) if item_id else kit.content.render_list(kb, kind, lang)
    except UnknownIdError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(text)
    if kind == "indicators":
        click.echo("\n" + kb.ui("indicator.grade_note", lang))


@main.group()
def cases() -> None:
    """Check, anonymise, import and export cases."""


@cases.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def cases_check(paths: tuple[Path, ...]) -> None:
    """Validate case files (or folders) and look for personal data; exit 0 only if all are clean."""
    report = kit.cases.check(paths)
    for problem in report.problems + report.personal_data:
        click.echo(str(problem), err=True)
    if not report.clean:
        raise SystemExit(1)
    click.echo(f"{len(paths)} path(s): valid, no personal data found")


@cases.command("anonymise")
@click.option("--lang", type=LANG_CHOICE, default=DEFAULT_LANG, show_default=True, help="Language of the placeholders.")
def cases_anonymise(lang: str) -> None:
    """Anonymise text lines from stdin to stdout (one line in, one line out); findings go to stderr."""
    for number, line in enumerate(sys.stdin, start=1):
        ending = "\n" if line.endswith("\n") else ""
        clean, findings = kit.cases.anonymise(line[: len(line) - len(ending)], lang)
        click.echo(clean + ending, nl=False)
        for finding in findings:
            click.echo(f"line {number}: {finding.kind} at characters {finding.start}-{finding.end}", err=True)


@cases.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--into", "into", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write to.")
@click.option("--overwrite", is_flag=True, help="Replace cases that already exist in the folder.")
def cases_import(paths: tuple[Path, ...], into: Path, overwrite: bool) -> None:
    """Validate, anonymise and write cases to a folder; refuse the invalid ones, import the rest."""
    report = kit.cases.import_cases(paths, into, overwrite=overwrite)
    for path in report.written:
        click.echo(f"imported {path}")
    for problem in report.problems:
        click.echo(f"refused {problem}", err=True)
    if report.problems:
        raise SystemExit(1)


@cases.command("export")
@click.option("--format", "fmt", type=click.Choice(["yaml", "csv", "htcds"]), default="yaml", show_default=True)
@click.option("--bank", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Case folder (default: the kit's bank).")
def cases_export(fmt: str, bank: Path | None) -> None:
    """Write every case of the bank to stdout as YAML, CSV or HTCDS columns."""
    click.echo(kit.cases.export(kit.cases.load_bank(bank).values(), fmt), nl=False)


@main.group()
def mapping() -> None:
    """Check municipality profiles for the mock local mapping."""


@mapping.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--giveaways", is_flag=True, help="Also generate a dozen years of each profile and look for filters "
              "of one or two columns that give its hidden exploitation away (a few seconds).")
@click.option("--lang", type=LANG_CHOICE, default=DEFAULT_LANG, show_default=True)
def mapping_check(paths: tuple[Path, ...], giveaways: bool, lang: str) -> None:
    """Validate profile files: every fault at once as file:field: message (valid values listed); exit 1 on any."""
    faulty = False
    for path in paths:
        report = kit.mapping.check_profile_file(path, giveaways=giveaways)
        for problem in report.problems:
            click.echo(str(problem), err=True)
        faulty |= bool(report.problems)
        if not report.problems:
            click.echo(report.summary(lang))
    if faulty:
        raise SystemExit(1)


@main.command()
@click.option("--port", type=int, default=serve_default("port"), show_default=True, help="Port to listen on.")
@click.option("--host", default=serve_default("host"), show_default=True,
              help="Address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 lets participants' phones "
                   "and laptops on the local network in (the start page shows them the address).")
@click.option("--public-url", "public_url", default=None,
              help="The address participants open, when it is not this computer's own (a name, or a front "
                   "server such as https://strom.example.org); default: worked out from --host and --port.")
@click.option("--lang", type=LANG_CHOICE, default=DEFAULT_LANG, show_default=True, help="Default language of the pages.")
@click.option("--notebooks", type=click.Path(path_type=Path), default=None,
              help="Folder of notebooks to serve (default: ./notebooks, else the kit's own).")
@click.option("--db", "db_url", default=None, help="Answer database: a SQLAlchemy URL (default: $STROM_KIT_DB, else a SQLite file).")
@click.option("--profile", default=None, help="Default municipality profile for the mapping apps (name or YAML path).")
@click.option("--pool", type=int, default=serve_default("pool"), show_default=True, help="Kernels to preheat for a workshop (0 = none).")
@click.option("--cull-after", "cull_after", type=int, default=serve_default("cull_idle_seconds"), show_default=True,
              help="Seconds after which an idle kernel (a closed page) is shut down.")
@click.option("--kernels", type=click.Choice(KERNEL_MODES), default=serve_default("kernels"), show_default=True,
              help="fork: participants' kernels are forked from a preloaded parent (fast); plain: a new "
                   "interpreter per page, as Voila does by itself (for comparison).")
@click.option("--seats", type=int, default=serve_default("seats"), show_default=True,
              help="Participants' pages open at once (0 = no limit); others see a waiting page until a seat frees.")
@click.option("--trainer-key", "trainer_key", envvar="STROM_KIT_TRAINER_KEY", default=None,
              help="Key that opens the trainer dashboard (8-128 letters, digits, - _ . ~; "
                   "default: $STROM_KIT_TRAINER_KEY, else a new random key for each start).")
def serve(port: int, host: str, public_url: str | None, lang: str, notebooks: Path | None, db_url: str | None, profile: str | None, pool: int,
          cull_after: int, kernels: str, seats: int, trainer_key: str | None) -> None:
    """Serve the kit's notebooks as web apps with Voila; prints where participants join and the trainer key."""
    settings = ServeSettings(notebooks=(notebooks or kit.apps.default_notebooks_dir()).resolve(), port=port, lang=lang,
                             db_url=db_url, profile=profile, pool=pool, cull_idle_seconds=cull_after,
                             kernels=kernels, seats=seats, host=host, public_url=public_url, **({"trainer_key": trainer_key} if trainer_key else {}))
    try:
        kit.apps.serve(settings, say=click.echo)
    except kit.apps.ServeError as exc:
        raise click.ClickException(str(exc)) from None


main.add_command(course)
main.add_command(hub)

if __name__ == "__main__":
    main()
