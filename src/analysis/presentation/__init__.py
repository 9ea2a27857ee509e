"""Presentation: the house style of figures, how tables print, maps and timelines.

Shared by the sections. It imports topics (the claims a table shows) and, for source
lines, the data layer; never a section.
"""
