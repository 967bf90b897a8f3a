"""Long work the window hands to a child process (no Qt): the export, the 情景 dock's briefing
pack, and what they write.

A worker thread in the window would share the interpreter lock with the GUI thread, and
the exporters' Python and C code (XlsxWriter, pandas, reportlab) holds it for tens of
milliseconds at a time; in its own process the export cannot stall the window at all.
"""
