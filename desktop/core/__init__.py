"""The Qt-free core: policy catalogue, expression language, evaluation engine.

Nothing under ``desktop.core`` may import Qt; ``tests/test_layering.py`` enforces it.
"""
