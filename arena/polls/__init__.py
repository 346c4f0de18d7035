"""Polls of the network between sessions ("een behoeftepeiling doen").

An organiser writes a few questions, picks the audience as for invitations, previews, and
sends through the outbox; members answer by a signed link without signing in and may change
their answer until the poll closes.
"""
