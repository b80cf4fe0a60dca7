"""``python -m fieldsurvey`` runs the command line (and, without a command, the app)."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # the frozen app started again as a worker process (fieldsurvey/worker_process.py)
        import multiprocessing

        multiprocessing.freeze_support()
    from fieldsurvey.cli import main

    main()
