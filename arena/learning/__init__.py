"""The learning agenda of a series: its open questions and the trail of what answered them.

Reflexive monitoring keeps a dynamic learning agenda: questions the series is working on, who
raised them and when, how far they got, and which reflections, practice examples, small wins,
sessions, poll answers and change stories shed light on them. This package sits above polls
and stories, so its links may point at their records.
"""
