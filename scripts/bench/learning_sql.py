# ruff: noqa: S608 - constant SQL assembled from constant pieces; the values are bound
"""The report's figures counted by hand in plain SQL (SQLite), the benchmark's baseline.

Written apart from the app's figure queries on purpose: agreeing numbers mean two independent
countings agree at 40,000 members.
"""

from __future__ import annotations

#: figure key -> whether it is counted per group
PLAIN_FIGURES = {
    "sessions-held": False,
    "attendances": False,
    "attendees": False,
    "attendees-by-role": True,
    "attendees-by-sector": True,
    "newcomers": False,
    "examples-presented": True,
    "small-wins": False,
    "small-wins-by-mechanism": True,
    "inspirations-across-organisations": False,
    "inspirations-across-sectors": False,
    "inspirations-across-domains": False,
    "collaborations-started": False,
    "collaborations-active": False,
    "stick-answers": True,
    "new-members": False,
    "new-organisations": False,
    "questions-raised": False,
    "stories-told": False,
}

HELD = "SELECT id FROM meetings WHERE state = 'held' AND starts_dt >= :s AND starts_dt < :e"
ATTENDED = f"SELECT member_id FROM attendances WHERE is_attended = 1 AND meeting_id IN ({HELD})"
WINS = "happened_on >= :ds AND happened_on <= :de"
CROSS = """SELECT count(*) FROM small_win_inspirations l
  JOIN small_wins a ON a.id = l.inspired_id JOIN small_wins b ON b.id = l.inspiring_id
  JOIN organisations oa ON oa.id = a.organisation_id
  JOIN organisations ob ON ob.id = b.organisation_id
  WHERE a.happened_on >= :ds AND a.happened_on <= :de AND {column}"""

SQL = {
    "sessions-held": f"SELECT count(*) FROM ({HELD})",
    "attendances": f"SELECT count(*) FROM ({ATTENDED})",
    "attendees": f"SELECT count(DISTINCT member_id) FROM ({ATTENDED})",
    "attendees-by-role": f"""SELECT m.role, count(*) FROM members m
        WHERE m.id IN ({ATTENDED}) GROUP BY m.role""",
    "attendees-by-sector": f"""SELECT o.sector, count(DISTINCT m.id) FROM members m
        LEFT JOIN memberships ms ON ms.member_id = m.id
        LEFT JOIN organisations o ON o.id = ms.organisation_id
        WHERE m.id IN ({ATTENDED}) GROUP BY o.sector""",
    "newcomers": f"""SELECT count(*) FROM members m WHERE m.id IN ({ATTENDED})
        AND NOT EXISTS (SELECT 1 FROM attendances a JOIN meetings mt ON mt.id = a.meeting_id
          WHERE a.member_id = m.id AND a.is_attended = 1 AND mt.state = 'held'
          AND mt.starts_dt < :s)""",
    "examples-presented": f"""SELECT maturity, count(*) FROM practice_examples
        WHERE status IN ('presented', 'scheduled') AND meeting_id IN ({HELD}) GROUP BY maturity""",
    "small-wins": f"SELECT count(*) FROM small_wins WHERE {WINS}",
    "small-wins-by-mechanism": f"""SELECT k.mechanism, count(*) FROM small_win_mechanisms k
        JOIN small_wins w ON w.id = k.small_win_id WHERE {WINS} GROUP BY k.mechanism""",
    "inspirations-across-organisations": CROSS.format(column="oa.id <> ob.id"),
    "inspirations-across-sectors": CROSS.format(column="oa.sector <> ob.sector"),
    "inspirations-across-domains": CROSS.format(column="oa.policy_domain <> ob.policy_domain"),
    "collaborations-started": """SELECT count(*) FROM collaborations
        WHERE started_on >= :ds AND started_on <= :de""",
    "collaborations-active": """SELECT count(*) FROM collaborations
        WHERE started_on <= :de AND status = 'active'""",
    "stick-answers": """SELECT answer, count(*) FROM small_win_follow_ups
        WHERE answered_dt >= :s AND answered_dt < :e GROUP BY answer""",
    "new-members": "SELECT count(*) FROM members WHERE created_dt >= :s AND created_dt < :e",
    "new-organisations": """SELECT count(*) FROM organisations
        WHERE created_dt >= :s AND created_dt < :e""",
    "questions-raised": """SELECT count(*) FROM learning_questions
        WHERE raised_dt >= :s AND raised_dt < :e""",
    "stories-told": "SELECT count(*) FROM change_stories WHERE told_on >= :ds AND told_on <= :de",
}


def _stamp(moment) -> str:
    """How SQLAlchemy stores a UTC datetime in SQLite (naive, microseconds)."""
    return moment.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def plain_counts(cursor, period) -> dict:
    """(figure key, group or None) -> count; the unknown group is ''."""
    params = {
        "s": _stamp(period.start_dt),
        "e": _stamp(period.end_dt),
        "ds": period.start.isoformat(),
        "de": period.end.isoformat(),
    }
    values = {}
    for key, grouped in PLAIN_FIGURES.items():
        cursor.execute(SQL[key], params)
        if grouped:
            for group, n in cursor.fetchall():
                values[(key, "" if group is None else str(group))] = n
        else:
            values[(key, None)] = cursor.fetchone()[0]
    return values
