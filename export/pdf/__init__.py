"""Print-grade PDF of a project, drawn with reportlab (vector charts, bundled fonts).

Import what you need from export.pdf.builder: this package re-exports nothing, so its
modules never import it back (no cycle)."""
