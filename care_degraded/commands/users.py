"""user add | passwd | disable | list."""

from __future__ import annotations

import argparse

from care_degraded.commands.common import (
    add_json_arg,
    add_new_passphrase_arg,
    add_vault_args,
    new_passphrase,
    open_vault,
    print_json,
)
from care_degraded.domain.user import Role


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = sub.add_parser("user", help="ward staff: add, change passphrase, disable, list")
    usub = user.add_subparsers(dest="user_command", metavar="ACTION")
    usub.required = True

    p = usub.add_parser("add", help="manager or IT: enrol a user")
    add_vault_args(p)
    p.add_argument("--login", required=True)
    p.add_argument("--name", required=True, metavar="DISPLAY_NAME")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.NURSE.value)
    add_new_passphrase_arg(p)
    p.set_defaults(func=cmd_add)

    p = usub.add_parser("passwd", help="change your own passphrase")
    add_vault_args(p)
    add_new_passphrase_arg(p)
    p.set_defaults(func=cmd_passwd)

    p = usub.add_parser("disable", help="manager or IT: disable a user (history kept)")
    add_vault_args(p)
    p.add_argument("--login", required=True)
    p.set_defaults(func=cmd_disable)

    p = usub.add_parser("list", help="enrolled users")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_list)


def cmd_add(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.require_manager()  # refuse before asking for a passphrase
        user = vault.add_user(args.login, args.name, Role(args.role),
                              new_passphrase(args, args.login))
    print(f"user added: {user.login} ({user.role.value})")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.change_passphrase(new_passphrase(args, vault.user.login))
    print("passphrase changed")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.disable_user(args.login)
    print(f"user disabled: {args.login}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        users = vault.users.list()
    if args.json:
        print_json([{"login": u.login, "name": u.display_name, "role": u.role.value,
                     "active": u.active} for u in users])
    else:
        for u in users:
            state = "" if u.active else " (disabled)"
            print(f"{u.login:<16} {u.role.value:<8} {u.display_name}{state}")
    return 0
