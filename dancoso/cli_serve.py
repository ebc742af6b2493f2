"""`dancoso serve`: the course in Voilà and JupyterLab on localhost."""

from __future__ import annotations

import argparse
from pathlib import Path

from .cli_common import add_command, tr

__all__ = ["register"]


def register(groups) -> None:
    serve = add_command(groups, "serve", tr("serve_help"), "dancoso serve --data-dir var")
    serve.add_argument("--data-dir", type=Path, default=None, help=tr("data_dir_help"))
    serve.add_argument("--host", default="127.0.0.1", help=tr("host_help"))
    serve.add_argument("--lab-port", type=int, default=8888, help=tr("lab_port_help"))
    serve.add_argument("--voila-port", type=int, default=8866, help=tr("voila_port_help"))
    serve.add_argument("--max-kernels", type=int, default=None, help=tr("max_kernels_help"))
    serve.add_argument("--pool-size", type=int, default=2, help=tr("pool_size_help"))
    serve.add_argument("--module-pool-size", type=int, default=1, help=tr("module_pool_size_help"))
    serve.add_argument("--cull-idle", type=int, default=15 * 60, help=tr("cull_idle_help"))
    serve.add_argument("--prepare-only", action="store_true", help=tr("prepare_only_help"))
    serve.add_argument("--no-demo", action="store_true", help=tr("no_demo_help"))
    serve.add_argument("--contest-port", type=int, default=8870, help=tr("contest_port_help"))
    serve.add_argument("--pages-port", type=int, default=8867, help=tr("pages_port_help"))
    serve.add_argument("--site-port", type=int, default=8880, help=tr("site_port_help"))
    serve.add_argument(
        "--demo-participants", type=int, default=300, help=tr("demo_participants_help")
    )
    serve.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.prepare_only:
        from quizzes.datadir import data_dir

        from .prepare import prepare_platform

        for line in prepare_platform(data_dir(arguments.data_dir)).summary():
            print(line)
        return 0
    from .demo import DemoOptions
    from .serve import VoilaOptions, serve

    demo = DemoOptions(
        contest=arguments.contest_port,
        pages=arguments.pages_port,
        site=arguments.site_port,
        participants=arguments.demo_participants,
    )

    return serve(
        data_dir=arguments.data_dir,
        host=arguments.host,
        lab_port=arguments.lab_port,
        voila_port=arguments.voila_port,
        voila=VoilaOptions(
            max_kernels=arguments.max_kernels,
            pool_size=arguments.pool_size,
            module_pool_size=arguments.module_pool_size,
            cull_idle=arguments.cull_idle,
        ),
        demo=None if arguments.no_demo else demo,
    )
