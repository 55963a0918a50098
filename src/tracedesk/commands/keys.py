"""`tracedesk keys`: the plant's label signing keys (generate, list, rotate, back up, restore).

tracedesk keys [list] [--json]            the plant's public keys; which one this station holds
tracedesk keys generate                   the first key (admin); its public key goes into the log
tracedesk keys rotate                     a new key signs from now on; old labels still check
tracedesk keys backup FILE                this station's key, encrypted with a passphrase
tracedesk keys restore FILE               a key backup onto this station (another printing station)

The passphrase comes from TRACEDESK_KEY_PASSPHRASE, else it is asked for at the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json, typed_secret
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg
from tracedesk.services.label_keys import KeyInfo, backup_key, generate_key, list_keys, restore_key, rotate_key

PASSPHRASE_VARIABLE = "TRACEDESK_KEY_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("keys", help=str(msg("the plant's label signing keys: generate, rotate, back up, restore")))
    parser.add_argument("action", nargs="?", default="list", choices=("list", "generate", "rotate", "backup", "restore"))
    parser.add_argument("file", nargs="?", type=Path, help=str(msg("the key backup (backup, restore)")))
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    config = ctx.paths.ensure().config_dir
    if args.action in ("backup", "restore") and args.file is None:
        raise InvalidInput("`tracedesk keys {action}` needs the file of the key backup.", action=args.action)
    if args.action == "list":
        with ctx.runtime().reading() as session:
            keys = list_keys(session, config)
        _show(keys, args.json)
        return 0
    if args.action == "backup":
        # The private key leaves this folder only encrypted; the admin signs in for it like for any secret.
        ctx.authorised("Backing up the signing key", _manage())
        written = backup_key(config, args.file, _passphrase(twice=True))
        print(msg("The signing key is backed up, encrypted, in {path}. Keep it apart from this PC.", path=str(written)))
        return 0
    actor = ctx.signed_in_actor("Managing signing keys")
    with ctx.runtime().unit_of_work() as session:
        if args.action == "generate":
            info = generate_key(session, actor, config)
        elif args.action == "rotate":
            info = rotate_key(session, actor, config)
        else:
            info = restore_key(session, actor, config, args.file, _passphrase(twice=False))
    _show([info], args.json)
    if args.action != "restore":
        print(msg("Back it up now: `tracedesk keys backup FILE`; the key exists nowhere else."), file=sys.stderr)
    return 0


def _manage():  # noqa: ANN202 - the Action, imported late like the other commands do
    from tracedesk.services.permissions import Action

    return Action.MANAGE_KEYS


def _passphrase(*, twice: bool) -> str:
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInput("Give the key backup's passphrase in TRACEDESK_KEY_PASSPHRASE, or run this at a terminal.")
    first = typed_secret(msg("Passphrase of the key backup: ").render())
    again = typed_secret(msg("The same passphrase again: ").render()) if twice and first is not None else first
    if first is None or again is None:
        raise InvalidInput("No passphrase was typed (the prompt was cancelled); nothing was written.")
    if again != first:
        raise InvalidInput("The two passphrases differ; nothing was written.")
    return first


def _show(keys: list[KeyInfo], as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {
                    "key": k.number,
                    "fingerprint": k.fingerprint,
                    "added_at": k.added_at.isoformat(),
                    "added_by": k.added_by,
                    "current": k.current,
                    "on_this_station": k.on_this_station,
                }
                for k in keys
            ]
        )
        return
    if not keys:
        print(msg("The plant has no label signing key yet: an admin creates one with `tracedesk keys generate`."))
    for k in keys:
        print(
            msg(
                "key {number}  {fingerprint}  added {day} by {user}  {state}{held}",
                number=k.number,
                fingerprint=k.fingerprint,
                day=k.added_at.date(),
                user=k.added_by,
                state=msg("current") if k.current else msg("retired (checks old labels)"),
                held=msg(", held by this station") if k.on_this_station else "",
            )
        )
