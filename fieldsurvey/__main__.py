"""``python -m fieldsurvey`` runs the command line (and, without a command, the app)."""

from fieldsurvey.cli import main

if __name__ == "__main__":
    main()
