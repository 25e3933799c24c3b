"""keygen, init, demo, status, audit verify, backup, restore, recover."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from care_degraded.commands.common import (
    add_json_arg,
    add_new_passphrase_arg,
    add_vault_arg,
    add_vault_args,
    new_passphrase,
    open_vault,
    passphrase,
    print_json,
    vault_dir,
)
from care_degraded.domain.errors import DamagedData, UsageError
from care_degraded.domain.user import Role
from care_degraded.services import integrity, vaults
from care_degraded.services.keys import generate_keypair, read_identity, read_recipient
from care_degraded.vault import Vault


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("keygen", help="IT: create an X25519 key pair in age format")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite an existing key")
    p.set_defaults(func=cmd_keygen)

    p = sub.add_parser("init", help="create a ward vault with its first user (a manager)")
    add_vault_arg(p)
    p.add_argument("--ward", required=True, metavar="NAME")
    p.add_argument("--user", required=True, metavar="LOGIN")
    p.add_argument("--name", required=True, metavar="DISPLAY_NAME")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.MANAGER.value)
    p.add_argument("--recovery-pubkey", type=Path, required=True, metavar="FILE")
    p.add_argument("--device-prefix", default=None, metavar="PREFIX",
                   help="prefix of provisional patient numbers on this machine (random if omitted)")
    add_new_passphrase_arg(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="create a ready demo ward and print its logins")
    add_vault_arg(p)
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing if the demo vault already exists")
    p.add_argument("--seed", type=int, default=2026)
    add_json_arg(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("status", help="what the vault holds (more with --as)")
    add_vault_arg(p)
    p.add_argument("--as", dest="as_login", default=None, metavar="LOGIN")
    p.add_argument("--passphrase-file", type=Path, default=None, metavar="FILE")
    add_json_arg(p)
    p.set_defaults(func=cmd_status)

    audit = sub.add_parser("audit", help="the hash-chained audit log")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION")
    asub.required = True
    p = asub.add_parser("verify", help="check the chain; name the first bad row")
    add_vault_args(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_audit_verify)
    p = asub.add_parser("show", help="the latest audit rows")
    add_vault_args(p)
    p.add_argument("--limit", type=int, default=50)
    add_json_arg(p)
    p.set_defaults(func=cmd_audit_show)

    p = sub.add_parser("backup", help="write an encrypted, verified copy of the vault")
    add_vault_args(p)
    p.add_argument("--to", type=Path, required=True, metavar="DIR")
    add_json_arg(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup folder into a vault folder")
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="DIR")
    add_vault_arg(p)
    p.add_argument("--force", action="store_true",
                   help="replace an existing vault (it is moved aside, not erased)")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("recover", help="IT: open with the recovery key, enrol a passphrase")
    add_vault_arg(p)
    p.add_argument("--recovery-key", type=Path, required=True, metavar="FILE")
    p.add_argument("--new-user", required=True, metavar="LOGIN")
    p.add_argument("--name", required=True, metavar="DISPLAY_NAME")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.IT.value)
    add_new_passphrase_arg(p)
    p.set_defaults(func=cmd_recover)


def cmd_keygen(args: argparse.Namespace) -> int:
    secret, pub, recipient = generate_keypair(args.out, force=args.force)
    print(f"secret key: {secret} (keep it offline)")
    print(f"public key: {pub}")
    print(recipient)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    recipient = read_recipient(args.recovery_pubkey)
    secret = new_passphrase(args, args.user)
    vault = Vault.create(vault_dir(args), ward=args.ward, login=args.user,
                         display_name=args.name, passphrase=secret,
                         recovery_recipient=recipient, role=Role(args.role),
                         device_prefix=args.device_prefix)
    with vault:
        print(f"vault created: {vault.path} (ward {vault.ward}, device prefix "
              f"{vault.device.prefix})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    demo = vaults.create_demo(vault_dir(args), if_missing=args.if_missing, seed=args.seed)
    if args.json:
        print_json({"vault": str(demo.path), "recovery_key": str(demo.recovery_key),
                    "users": [{"login": u[0], "name": u[1], "role": u[2].value,
                               "passphrase": u[3]} for u in demo.users]})
        return 0
    print(f"demo ward: {demo.path}")
    print(f"IT recovery key: {demo.recovery_key}")
    print("logins (demo only):")
    for login, name, role, secret in demo.users:
        print(f"  {login:<6} {role.value:<8} {secret}   {name}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    path = vault_dir(args)
    if args.as_login:
        with Vault.unlock(path, args.as_login, passphrase(args)) as vault:
            info = vaults.status(path, vault)
    else:
        info = vaults.status(path)
    if args.json:
        print_json(info)
    else:
        for key, value in info.items():
            print(f"{key:<24} {value}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        checked = integrity.verify(vault)
    report, signatures, ok = checked.chain, checked.signatures, checked.ok
    if args.json:
        out = report.to_json()
        out["ok"] = ok
        out["chain_ok"] = report.ok
        out["signatures"] = {"checked": signatures.checked, "unsigned": signatures.unsigned,
                             "bad": list(signatures.bad)}
        print_json(out)
    elif ok:
        print(f"audit log intact: {report.rows} rows; {signatures.checked} revisions, "
              f"signatures verified ({signatures.unsigned} older unsigned)")
    if not report.ok and not args.json:
        print(f"care-degraded: audit log broken at row {report.first_bad}: {report.reason}",
              file=sys.stderr)
    if not signatures.ok and not args.json:
        print(f"care-degraded: {len(signatures.bad)} revision(s) fail their signature, "
              f"first {signatures.bad[0]}", file=sys.stderr)
    return 0 if ok else DamagedData.exit_code


def cmd_audit_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        entries = vault.audit.entries(limit=args.limit)
    if args.json:
        print_json([e.__dict__ for e in entries])
    else:
        for e in entries:
            print(f"{e.seq:>6} {e.at} {e.actor:<12} {e.action:<24} {e.object}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        target = vault.backup(args.to)
    if args.json:
        print_json({"backup": str(target), "verified": True})
    else:
        print(f"backup written and verified: {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = vault_dir(args)
    moved = vaults.restore(args.source, target, force=args.force)
    print(f"restored into {target}")
    if moved is not None:
        print(f"the previous vault was kept in {moved}")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    identity = read_identity(args.recovery_key)
    secret = new_passphrase(args, args.new_user)
    if not secret:
        raise UsageError("empty passphrase")
    with Vault.recover(vault_dir(args), identity, args.new_user, args.name, secret,
                       role=Role(args.role)) as vault:
        print(f"vault opened with the recovery key; {vault.user.login} can now log in")
    return 0
