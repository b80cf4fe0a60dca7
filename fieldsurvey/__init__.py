"""FieldSurvey: offline household surveys for migrant-worker NGOs.

The core (this package, ``forms``, ``sync`` and ``reports``) never imports Qt;
``fieldsurvey.ui`` is the only package that does.
"""

__version__ = "0.1.0"
APP_NAME = "FieldSurvey"
APP_ID = "fieldsurvey"
