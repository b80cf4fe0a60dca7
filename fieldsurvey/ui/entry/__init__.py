"""Data entry: the screen where an enumerator fills in one interview.

Entry point for the app shell::

    from fieldsurvey.ui.entry.entry_view import EntryView
    from fieldsurvey.ui.entry.resume import resume_point

    view = EntryView(ws, interview_uuid, compiled_form, runner, parent,
                     who="Lan", start_path=None)
    view.completed.connect(...)   # str: uuid of the interview just completed
    view.closed.connect(...)      # the enumerator pressed Close (Ctrl+W)
    point = resume_point(ws)      # {"interview", "path", "page"} after a crash, or None

Modules: value_parsing (typed text -> answer values), answer_widget / question_widgets /
choice_widgets (a widget per question type), question_row (label, hint, widget,
message), page_model (pages as the form says), question_panel (a column of rows kept in
step with the engine), roster_model / roster_view (repeats as a table and a detail
pane), completion_summary (what is left, as links), entry_controller (engine session,
autosave, resume point), answer_sync (the set_answer steps between two documents),
entry_view (the screen).
"""
