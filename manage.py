#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coaching.settings.base")
    # The command line is for development: DEBUG defaults to on here, so a
    # newcomer's `manage.py makemigrations` works without a SECRET_KEY. Servers
    # start through wsgi.py (DEBUG off by default) and production uses
    # coaching.settings.production, which forces DEBUG off and needs SECRET_KEY.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
