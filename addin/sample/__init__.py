"""Built-in sample data for `salesbook demo`: a believable small sales team.

Deterministic (seeded), so the demo and the tests that use it always see the same team.
"""
