"""python -m bench seed|run|load|profile|programme|running, with
DJANGO_SETTINGS_MODULE=bench.settings.

Django is set up here, before any module that imports models."""

import os
import sys

COMMANDS = {
    "seed": "bench.seed",
    "run": "bench.run",
    "load": "bench.load",
    "profile": "bench.profile",
    "programme": "bench.programme",
    "running": "bench.running",
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python -m bench {{{'|'.join(COMMANDS)}}} [options]")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import importlib

    import django

    django.setup()
    module = importlib.import_module(COMMANDS[sys.argv[1]])
    module.main(sys.argv[2:])


main()
