"""The vocabulary of real exports: what status and channel texts mean.

``tables``: the exact texts and codes (first tier); ``rules``: ordered rules on the
folded text (second tier), for the many texts no list can hold.
"""
