"""The Qt desktop interface. The only package that imports Qt (PySide6).

Everything here is a thin view over :mod:`desktop.core` results; business rules stay in the
core so the command line, exports and tests decide exactly as the window does.
"""
