"""``python -m zerocovid`` is the ``zerocovid`` command."""
from .cli import main

raise SystemExit(main())
