"""Presentation: the house style of figures, how tables print, maps and timelines.

Shared by the sections; it imports the data layer only for source lines.
"""
