"""Topics: tidy, tested frames about membership, security, the economy and the rest.

Each module turns data-access frames into the indicators the book discusses. Topics
import the data layer and each other, never the presentation layer or a section. A
group of states is defined once: the fixed ones in ``regions``, the SCO's members on
a date and its founding six in ``membership``.
"""
