"""Boundaries: reading field files, Kemendagri codes, repair, hierarchy, simplification."""
