"""``seb-launcher dictionaries install [--system] [LANG ...]`` and ``dictionaries list``:
spell-checking dictionaries for exams that allow spell checking (``allowSpellCheck``).

``install`` converts this computer's Hunspell dictionaries (all of them, or the languages
named) into the browser engine's format, into the user's data directory or, with
``--system``, the machine-wide one for all users. ``list`` shows what exams can use and what
could be installed. One line per dictionary; every failure is one clear line and exit 1.
"""

from __future__ import annotations

import logging
import sys

from launcher.cli._common import OneLineParser, fail, run
from launcher.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_USAGE

log = logging.getLogger(__name__)

USAGE = """\
usage: seb-launcher dictionaries install [--system] [LANG ...]
       seb-launcher dictionaries list

install   convert this computer's Hunspell dictionaries (all, or the LANGs named, e.g. de-DE
          en-US fr-FR) for spell checking in exams that allow it; --system: for all users
          (run as root)
list      the dictionaries exams can use, and the Hunspell ones that could be installed
"""


def cmd_install(argv: list[str]) -> int:
    parser = OneLineParser(prog="seb-launcher dictionaries install",
                           description="Install spell-checking dictionaries for exams.")
    parser.add_argument("languages", nargs="*", metavar="LANG")
    parser.add_argument("--system", action="store_true", help="for all users (machine-wide directory)")
    args = parser.parse_args(argv)

    def body() -> int:
        from launcher.platform import dictionaries as d

        target = d.system_dir() if args.system else d.user_dir()
        converter = d.find_converter()
        if converter is None:
            return fail(d.converter_missing())
        sources = d.hunspell_dictionaries()
        languages = [d.normalise(lang) for lang in args.languages] or sorted(sources)
        if not languages:
            return fail(f"No Hunspell dictionaries found in {', '.join(d.HUNSPELL_DIRS)}: install "
                        "the ones for your exams' languages, e.g. sudo apt install hunspell-de-de "
                        "hunspell-en-us hunspell-fr")
        failed = 0
        for lang in languages:
            try:
                out = d.convert(lang, target, converter=converter, sources=sources)
            except d.DictionaryError as exc:
                sys.stderr.write(f"  problem: {exc.message}\n")
                failed += 1
                continue
            sys.stdout.write(f"  installed: {lang} ({out})\n")
        sys.stdout.flush()
        if failed:
            sys.stderr.write(f"{failed} of {len(languages)} dictionaries could not be installed.\n")
            return EXIT_ERROR
        who = "all users" if args.system else "you"
        sys.stdout.write(f"Spell checking in exams that allow it can now use {len(languages)} "
                         f"languages for {who}.\n")
        return EXIT_OK

    return run(parser.prog, body)


def cmd_list(argv: list[str]) -> int:
    parser = OneLineParser(prog="seb-launcher dictionaries list",
                           description="List spell-checking dictionaries.")
    parser.parse_args(argv)

    def body() -> int:
        from launcher.platform import dictionaries as d

        have = d.installed()
        if have:
            sys.stdout.write("Dictionaries exams can use:\n")
            for lang, path in sorted(have.items()):
                sys.stdout.write(f"  {lang}  {path}\n")
        else:
            sys.stdout.write("No dictionaries installed: exams that allow spell checking get none.\n")
        sources = sorted(set(d.hunspell_dictionaries()) - set(have))
        if sources:
            sys.stdout.write("Could be installed (seb-launcher dictionaries install LANG): "
                             + " ".join(sources) + "\n")
        sys.stdout.flush()
        return EXIT_OK

    return run(parser.prog, body)


def main(argv: list[str]) -> int:
    rest = argv[1:]
    if not rest or rest[0] in ("-h", "--help"):
        (sys.stdout if rest else sys.stderr).write(USAGE)
        return EXIT_OK if rest else EXIT_USAGE
    if rest[0] == "install":
        return cmd_install(rest[1:])
    if rest[0] == "list":
        return cmd_list(rest[1:])
    sys.stderr.write(f"seb-launcher dictionaries: unknown command {rest[0]!r}\n" + USAGE)
    return EXIT_USAGE
