"""Imports as submissions: the one path the command line and the upload page share.

:func:`uploads.run.run_import` calls the importer of a kind (the same the CLI
always called), with the sender's desa as a filter when it has a scope, and
records the run in the submission history (:mod:`opsdb.submissions`); the
front ends only render the report it returns. :mod:`uploads.detect` sniffs an
uploaded file's type from its bytes and guesses its kind from its columns.
"""
