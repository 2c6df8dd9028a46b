"""The ``orglife`` command (docs/contracts.md, "The orglife command").

Arguments are declared here, the work is done by each package's own ``cli``
module, imported only when its subcommand runs so ``orglife parse`` never
loads Django and ``orglife serve`` never loads jieba.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from orglife.errors import InputError

log = logging.getLogger("orglife")

# subcommand -> "module:function"; the function takes the parsed args and returns an exit code.
HANDLERS = {
    "parse": "orglife.documents.cli:cmd_parse",
    "render": "orglife.documents.cli:cmd_render",
    "check": "orglife.review.cli:cmd_check",
    "similar": "orglife.similarity.cli:cmd_similar",
    "demo": "orglife.site.commands:cmd_demo",
    "changepassword": "orglife.site.commands:cmd_changepassword",
    "serve": "orglife.site.commands:cmd_serve",
    "remind": "orglife.site.commands:cmd_remind",
    "backup": "orglife.site.commands:cmd_backup",
    "restore": "orglife.site.commands:cmd_restore",
    "verify": "orglife.site.commands:cmd_verify",
    "audit-purge": "orglife.site.commands:cmd_audit_purge",
    "worker": "orglife.site.commands:cmd_worker",
}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="orglife",
        description="组织生活会全流程与整改闭环系统 — orglife command line",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    s = sub.add_parser(
        "parse", help="解析对照检查材料结构 / structure of a material (.txt or .docx)"
    )
    s.add_argument("file")
    s.add_argument("--format", choices=["json", "text"], default="text")

    s = sub.add_parser("check", help="审核材料 / review findings")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--format", choices=["json", "text"], default="text")
    s.add_argument("--profile", default=None, help="主题配置 / theme profile (default: detected)")

    s = sub.add_parser("render", help="生成公文格式 Word / material to an official-format .docx")
    s.add_argument("file")
    s.add_argument("-o", "--output", required=True)

    s = sub.add_parser("similar", help="查重 / near-duplicate pairs with shared passages")
    s.add_argument("paths", nargs="+", metavar="FILE|DIR")
    s.add_argument("--threshold", type=float, default=0.5)
    s.add_argument("--format", choices=["json", "text"], default="text")

    s = sub.add_parser("demo", help="载入演示组织 / load the demo organization (idempotent)")
    s.add_argument(
        "--reset-password",
        action="store_true",
        help="重设演示账号密码（$ORGLIFE_DEMO_PASSWORD 或新生成）/ set the demo passwords again",
    )

    s = sub.add_parser("changepassword", help="修改某人的密码 / set a person's password")
    s.add_argument("username", help="登录用户名 / sign-in name")

    s = sub.add_parser("serve", help="迁移数据库并启动网站 / migrate, then run the web app")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument(
        "--dev",
        action="store_true",
        help="Django 开发服务器 / Django's runserver instead of gunicorn",
    )
    s.add_argument("--workers", type=int, default=0, help="进程数 / gunicorn workers (2×CPU+1)")

    s = sub.add_parser("remind", help="发送整改提醒 / send ledger reminders (for cron)")
    s.add_argument("--dry-run", action="store_true")

    s = sub.add_parser("backup", help="备份数据库和附件 / database + media, consistent")
    s.add_argument("-o", "--output", required=True, metavar="DIR")
    s.add_argument("--method", choices=["auto", "sqlite", "pg_dump", "json"], default="auto")

    s = sub.add_parser("restore", help="恢复到空实例 / restore a backup into an empty instance")
    s.add_argument("directory", metavar="DIR")

    sub.add_parser("verify", help="校验历史记录哈希链 / check the hash chain of every history")

    sub.add_parser(
        "audit-purge", help="删除超过保存期限的审计记录 / purge audit entries past retention"
    )

    s = sub.add_parser(
        "worker",
        help="运行后台任务（数据库后端）/ run background tasks (django_tasks_db backend)",
    )
    s.add_argument("--once", action="store_true", help="处理完队列即退出 / exit when idle")
    return p


def _load(target: str) -> Callable[[argparse.Namespace], int]:
    module, _, func = target.partition(":")
    handler: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), func)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("ORGLIFE_LOG_LEVEL", "WARNING"), format="%(message)s")
    args = build_parser().parse_args(argv)
    handler = _load(HANDLERS[args.command])
    try:
        return handler(args)
    except InputError as exc:
        print(exc.line(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
