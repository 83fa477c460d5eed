"""``seb-launcher config …``: look into, check, encrypt and decrypt SEB configuration files.

Subcommands (a stable contract other tools script against):

- ``inspect FILE [--json] [--url URL]`` — what the file is and the keys an exam server sees;
  for a file the launcher would refuse, also every problem, with exit status 5;
- ``check-url FILE URL…`` — ``allow URL`` / ``block URL`` as the config's URL filter decides;
- ``encrypt IN OUT (--password PW [--for-client] | --certificate CERT) [--symmetric]``;
- ``decrypt IN OUT`` — the plain XML plist;
- ``keys FILE`` — Config Key and Browser Exam Key;
- ``settings-table [--output FILE]`` — docs/SETTINGS.md: what the launcher does with each SEB key.

Reading commands take ``--password``/``--password-env``/``--password-stdin`` (or the
``SEB_LAUNCHER_PASSWORD`` variable, or a prompt on a terminal) and find certificate
identities in the keyring or in ``--identity FILE.p12``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from launcher.cli._common import (
    PASSWORD_ENV,
    OneLineParser,
    UsageError,
    add_secret_options,
    can_prompt,
    fail,
    identity_providers,
    retry_with_prompt,
    read_input_file,
    read_stdin_bytes,
    run,
    secret_from,
    write_output_file,
)
from launcher.config.errors import ConfigError, NoIdentity, PasswordRequired, WrongPassword
from launcher.exit_codes import EXIT_ERROR, EXIT_OK

log = logging.getLogger(__name__)

PROG = "seb-launcher config"

PURPOSES = {0: "start an exam", 1: "configure a client"}


# -- argument parsing ---------------------------------------------------------------------


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    add_secret_options(parser, what="the configuration's password")
    parser.add_argument(
        "--identity",
        metavar="P12",
        help="a PKCS#12 (.p12/.pfx) identity to decrypt a certificate-encrypted file "
        "(identities imported with `seb-launcher identity import` are used too)",
    )
    add_secret_options(parser, name="identity-password", what="the password of the --identity file")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Inspect, check, encrypt and decrypt Safe Exam Browser configuration files.",
        epilog=f"Passwords may also come from the {PASSWORD_ENV} environment variable; on a "
        "terminal you are asked for a missing one.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True

    p = sub.add_parser("inspect", help="show what a configuration contains and its keys")
    p.add_argument("file", metavar="FILE", help=".seb file (- for stdin)")
    p.add_argument("--url", help="also compute the per-URL header hashes for this URL")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    p.add_argument("--platform", choices=("x11", "wayland", "windows", "macos"),
                   help="show the lockdown table for this platform instead of this computer's")
    _add_read_options(p)

    p = sub.add_parser("check-url", help="say whether the URL filter allows each URL")
    p.add_argument("file", metavar="FILE", help=".seb file (- for stdin)")
    p.add_argument("urls", metavar="URL", nargs="+", help="URLs to check")
    p.add_argument("--explain", action="store_true", help="also name the rule that decided")
    _add_read_options(p)

    p = sub.add_parser(
        "encrypt",
        help="write a password- or certificate-encrypted copy",
        description="Encrypt a configuration with a password (pswd, or pwcc with --for-client) "
        "and/or for a certificate (pkhs, or phsk with --symmetric). With both, the password "
        "layer is inside the certificate layer.",
    )
    p.add_argument("input", metavar="IN", help="configuration to encrypt (any kind; - for stdin)")
    p.add_argument("output", metavar="OUT", help="file to write (- for stdout)")
    add_secret_options(p, what="the new password")
    p.add_argument(
        "--for-client",
        action="store_true",
        help="encrypt for configuring a client (pwcc: the password is the admin password)",
    )
    p.add_argument("--certificate", metavar="CERT", help="encrypt for this certificate (PEM or DER)")
    p.add_argument("--symmetric", action="store_true", help="certificate + symmetric key (phsk), for large files")
    p.add_argument("--no-compress", action="store_true", help="do not gzip the result")
    add_secret_options(p, name="in-password", what="the password of IN, if it is encrypted")
    p.add_argument("--identity", metavar="P12", help="identity to decrypt IN, if it is certificate-encrypted")
    add_secret_options(p, name="identity-password", what="the password of the --identity file")

    p = sub.add_parser("decrypt", help="write the plain XML plist of a configuration")
    p.add_argument("input", metavar="IN", help=".seb file (- for stdin)")
    p.add_argument("output", metavar="OUT", help="plist file to write (- for stdout)")
    _add_read_options(p)

    p = sub.add_parser("keys", help="print the Config Key and Browser Exam Key")
    p.add_argument("file", metavar="FILE", help=".seb file (- for stdin)")
    _add_read_options(p)

    p = sub.add_parser(
        "settings-table",
        help="print the settings coverage table (docs/SETTINGS.md)",
        description="Print, as Markdown, every SEB setting and whether this launcher honours it.",
    )
    p.add_argument("--output", metavar="FILE", default="-", help="file to write (default: stdout)")
    return parser


# -- reading ------------------------------------------------------------------------------


def _reader(path: str) -> Any:
    """A function ``(**kw) -> LoadedConfig`` reading ``path`` (``-``: stdin) within the size limits."""
    from launcher.config.container import Limits, read_config, read_config_file

    if path != "-":
        return lambda **kw: read_config_file(path, **kw)
    from launcher.config.errors import TooLarge

    limit = Limits().max_bytes
    data = read_stdin_bytes(limit + 1)
    if len(data) > limit:
        raise TooLarge("The configuration file is too large to be safe to open.", "stdin over the limit")
    return lambda **kw: read_config(data, **kw)


def load(args: argparse.Namespace, path: str, secret: str = "password") -> Any:
    """Read and decrypt ``path``: a ``LoadedConfig``. Asks for a missing password on a terminal."""
    password = secret_from(args, secret, default_env=PASSWORD_ENV)
    read = _reader(path)
    identities = identity_providers(args)
    try:
        return read(password=password, identities=identities)
    except NoIdentity as exc:
        raise NoIdentity(
            f"{exc.message} Import its identity with `seb-launcher identity import FILE.p12`, "
            "or give it with --identity FILE.p12.",
            exc.detail,
            key_hash=exc.key_hash,
        ) from None
    except PasswordRequired as exc:
        what = _CLIENT_PASSWORD if exc.for_client else exc.message
        if password is not None or not can_prompt():
            raise PasswordRequired(
                f"{what} Give it with --password, --password-stdin or {PASSWORD_ENV}.",
                exc.detail,
                for_client=exc.for_client,
            ) from None
        prompt = (f"Administrator password for the client configuration {path}: " if exc.for_client
                  else f"Password for {path}: ")
        return retry_with_prompt(prompt, lambda typed: read(password=typed, identities=identities), (WrongPassword,))
    except WrongPassword as exc:
        if not exc.for_client:
            raise
        raise WrongPassword(
            "Wrong password (this client configuration is encrypted with its administrator password), "
            "or the configuration file is damaged.", exc.detail, for_client=True,
        ) from None


_CLIENT_PASSWORD = ("This client configuration is protected by its administrator password (SEB's pwcc "
                    "format: the password of the settings, not an exam password).")


def settings_of(raw: dict[str, Any]) -> Any:
    from launcher.config.settings import Settings

    return Settings.from_dict(raw)


def exam_keys(raw: dict[str, Any]) -> Any:
    from launcher.config.keys import ExamKeys

    return ExamKeys.for_settings(raw)


# -- commands -----------------------------------------------------------------------------


def cmd_inspect(args: argparse.Namespace) -> int:
    from launcher.cli.config_inspect import cmd_inspect as inspect

    return inspect(args, load)


def cmd_settings_table(args: argparse.Namespace) -> int:
    from launcher.config.coverage import settings_table

    write_output_file(args.output, settings_table().encode("utf-8"))
    return EXIT_OK


def cmd_check_url(args: argparse.Namespace) -> int:
    from launcher.config.urlfilter import UrlFilter

    loaded = load(args, args.file)
    url_filter = UrlFilter.from_settings(settings_of(loaded.settings))
    for url in args.urls:
        decision = url_filter.decide(url)
        line = f"{'allow' if decision.allowed else 'block'} {url}"
        if args.explain:
            line += f"  ({'rule: ' + str(decision.rule) if decision.rule else 'no rule'})"
        sys.stdout.write(line + "\n")
    return EXIT_OK


def _load_certificate(path: str) -> Any:
    from launcher.config.crypto import load_certificate
    from launcher.config.errors import IdentityError

    try:
        return load_certificate(read_input_file(path))
    except IdentityError as exc:
        raise IdentityError(f"{path}: not an X.509 certificate (PEM or DER).", exc.detail) from None


def cmd_encrypt(args: argparse.Namespace) -> int:
    from launcher.config.container import write_config

    password = secret_from(args, "password")
    if password is None and not args.certificate:
        raise UsageError("give --password (or --password-env/--password-stdin) or --certificate")
    if args.for_client and password is None:
        raise UsageError("--for-client needs a password")
    if args.symmetric and not args.certificate:
        raise UsageError("--symmetric needs --certificate")
    if password == "" and not args.for_client:
        # Only a client configuration may have an empty password (SEB's unprotected pwcc file).
        raise UsageError("the password must not be empty")
    certificate = _load_certificate(args.certificate) if args.certificate else None
    loaded = load(args, args.input, secret="in-password")
    data = write_config(
        loaded.settings,
        password=password,
        for_client=args.for_client,
        certificate=certificate,
        symmetric=args.symmetric,
        compress=not args.no_compress,
    )
    write_output_file(args.output, data)
    return EXIT_OK


def cmd_decrypt(args: argparse.Namespace) -> int:
    from launcher.config import plist

    loaded = load(args, args.input)
    write_output_file(args.output, plist.dumps(loaded.settings))
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    loaded = load(args, args.file)
    ekeys = exam_keys(loaded.settings)
    sys.stdout.write(f"Config Key:       {ekeys.config_key}\n")
    sys.stdout.write(f"Browser Exam Key: {ekeys.browser_exam_key}\n")
    return EXIT_OK


COMMANDS = {
    "inspect": cmd_inspect,
    "check-url": cmd_check_url,
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "keys": cmd_keys,
    "settings-table": cmd_settings_table,
}


def main(argv: Sequence[str]) -> int:
    """``argv[0]`` is ``config``; returns the exit code (README lists them: each reason a file
    cannot be read has its own, see ``config_inspect.READ_ERRORS``)."""
    args = build_parser().parse_args(list(argv[1:]))

    def body() -> int:
        from launcher.cli.config_inspect import read_error

        try:
            return COMMANDS[args.command](args)
        except ConfigError as exc:
            kind, code = read_error(exc)
            if code == EXIT_ERROR:
                raise
            log.info("%s %s failed: %s", PROG, args.command, kind)
            return fail(exc.message, code)

    return run(f"{PROG} {args.command}", body)
