"""``seb-launcher identity …``: manage the certificate identities kept in the OS keyring.

- ``import FILE.p12 [--password PW | --password-env VAR | --password-stdin]``
- ``import-config FILE.seb`` — the identities embedded in a client configuration
- ``list [--json]``
- ``remove HASH`` (a unique prefix of the key hash is enough)

Certificate-encrypted configurations are decrypted with the identity whose public-key hash
matches; ``seb-launcher config …`` and the exam launcher look them up here.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from launcher.cli._common import (
    OneLineParser,
    add_secret_options,
    can_prompt,
    retry_with_prompt,
    read_input_file,
    run,
    secret_from,
)
from launcher.exit_codes import EXIT_OK

log = logging.getLogger(__name__)

PROG = "seb-launcher identity"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Manage the certificate identities (certificate + private key) that decrypt "
        "certificate-encrypted Safe Exam Browser configurations. They are kept in the "
        "system keyring.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True

    p = sub.add_parser("import", help="import a PKCS#12 (.p12/.pfx) identity into the keyring")
    p.add_argument("file", metavar="FILE.p12", help="PKCS#12 file (- for stdin)")
    add_secret_options(p, what="the PKCS#12 file's password")

    p = sub.add_parser(
        "import-config",
        help="import the identities embedded in a configuration (embeddedCertificates, type identity)",
    )
    p.add_argument("file", metavar="FILE.seb", help="configuration file")
    add_secret_options(p, what="the configuration's password")

    p = sub.add_parser("list", help="list the identities in the keyring")
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = sub.add_parser("remove", help="remove an identity from the keyring")
    p.add_argument("hash", metavar="HASH", help="its key hash as `list` shows it (a unique prefix will do)")
    return parser


def _store() -> Any:
    from launcher.config.identities import IdentityStore

    return IdentityStore()


def _line(info: Any) -> str:
    until = info.not_after.date().isoformat() if info.not_after.year > 1 else "?"
    return f"{info.key_hash_hex}  {info.subject or '(no subject)'}  (valid until {until})"


def cmd_import(args: argparse.Namespace) -> int:
    from launcher.config.identities import IdentityPasswordError

    data = read_input_file(args.file)
    store = _store()
    password = secret_from(args, "password")
    if password is None:
        try:
            identity = store.import_pkcs12(data, None)
        except IdentityPasswordError:
            if not can_prompt():
                raise IdentityPasswordError(
                    "The certificate file needs a password: give it with --password, "
                    "--password-env or --password-stdin."
                ) from None
            identity = retry_with_prompt(
                f"Password for {args.file}: ", lambda pw: store.import_pkcs12(data, pw), (IdentityPasswordError,)
            )
    else:
        identity = store.import_pkcs12(data, password)
    sys.stdout.write(f"Imported {_line(identity.info())}\n")
    return EXIT_OK


def cmd_import_config(args: argparse.Namespace) -> int:
    from launcher.cli.config import load

    args.identity = None
    loaded = load(args, args.file)
    imported = _store().import_embedded(loaded.settings)
    if not imported:
        sys.stdout.write("The configuration embeds no certificate identity.\n")
    for info in imported:
        sys.stdout.write(f"Imported {_line(info)}\n")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    infos = _store().list()
    if args.json:
        out = [
            {"key_hash": i.key_hash_hex, "subject": i.subject, "not_after": i.not_after.isoformat()}
            for i in infos
        ]
        sys.stdout.write(json.dumps(out) + "\n")
        return EXIT_OK
    if not infos:
        sys.stdout.write("No certificate identities are stored.\n")
    for info in infos:
        sys.stdout.write(_line(info) + "\n")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    info = _store().remove(args.hash)
    sys.stdout.write(f"Removed {_line(info)}\n")
    return EXIT_OK


COMMANDS = {
    "import": cmd_import,
    "import-config": cmd_import_config,
    "list": cmd_list,
    "remove": cmd_remove,
}


def main(argv: Sequence[str]) -> int:
    """``argv[0]`` is ``identity``; returns the exit code."""
    args = build_parser().parse_args(list(argv[1:]))
    return run(f"{PROG} {args.command}", lambda: COMMANDS[args.command](args))
