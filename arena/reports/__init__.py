"""The report of what emerged over a period, for a series or the whole programme.

Every figure is defined once, as a query of the records behind it: the count on the page, the
PDF, the export and the list behind the figure's link all come from that one definition, so
they cannot disagree. The top layer: it reads every feature and nothing imports it.
"""
