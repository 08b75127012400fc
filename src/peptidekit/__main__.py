"""``python -m peptidekit``: the same as the ``peptidekit`` command."""

from peptidekit.cli.main import main

main()
