"""Most Significant Change: members tell change stories, organisers select per period and say why.

The selection and its reason are the point of the method (Davies and Dart): they make explicit
what the programme values, and the selected stories feed the report of what emerged.
"""
