"""The package version, at the bottom of the import graph: every module may import it, and the
package root (which lazily re-exports :func:`newsgold.evaluate`) imports it from here."""

__version__ = "0.1.0"
