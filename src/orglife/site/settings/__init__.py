"""Settings by environment, as cookiecutter-django splits them.

``orglife.site.settings`` (the default everywhere: ``orglife serve``, wsgi, ``--settings=``)
selects by ``DJANGO_ENV``: ``production`` → ``orglife.site.settings.production``, anything
else → ``orglife.site.settings.base`` (local defaults). pytest names
``orglife.site.settings.test`` directly.
"""

import os

if os.environ.get("DJANGO_ENV", "development") == "production":
    from orglife.site.settings.production import *  # noqa: F403
else:
    from orglife.site.settings.base import *  # noqa: F403
