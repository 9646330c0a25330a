#!/usr/bin/env python
"""Django's command-line utility; `chibo` (the console script) is the same thing."""

from chibo.cli import main

if __name__ == "__main__":
    main()
