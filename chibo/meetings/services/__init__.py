"""Every write to a meeting happens here: check the rule, write (atomic), audit.

A meeting moves planned → prepared → in_progress → closed. Once the minutes are approved
(closed) nothing of the record changes silently: the only way in is `minutes_revise`, which
keeps the approved text and records a reason and an author.
"""


from chibo.meetings.services.closing import close_blockers, meeting_close, minutes_revise
from chibo.meetings.services.liaisons import liaison_assign, liaison_end
from chibo.meetings.services.planning import (
    PLAN_FIELDS,
    material_add,
    material_remove,
    materials_on_time,
    materials_release,
    meeting_delete,
    meeting_enter_past,
    meeting_notify,
    meeting_plan,
    meeting_start,
    meeting_update,
    meetings_plan_year,
    step_check,
)
from chibo.meetings.services.running import (
    attendance_mark,
    contribution_add,
    contribution_remove,
    guest_add,
    guest_remove,
    meeting_conclusion_set,
    meeting_opening_set,
    recognition_add,
    recognition_remove,
    resolution_item_add,
    resolution_item_remove,
    task_assign,
    task_follow_up,
    task_remove,
    task_report,
    vote_error_messages,
    vote_record,
    vote_remove,
)

__all__ = [
    "PLAN_FIELDS",
    "attendance_mark", "close_blockers", "contribution_add", "contribution_remove", "guest_add", "guest_remove",
    "liaison_assign", "liaison_end", "material_add", "material_remove", "materials_on_time", "materials_release",
    "meeting_close",
    "meeting_conclusion_set", "meeting_delete", "meeting_enter_past", "meeting_notify", "meeting_opening_set",
    "meeting_plan", "meeting_start", "meeting_update", "meetings_plan_year", "minutes_revise", "recognition_add",
    "recognition_remove", "resolution_item_add", "resolution_item_remove", "step_check", "task_assign",
    "task_follow_up", "task_remove", "task_report", "vote_error_messages", "vote_record", "vote_remove",
]
