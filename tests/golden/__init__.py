"""Recorded outputs of the bundled sample: the behaviour a restructuring must not change."""
