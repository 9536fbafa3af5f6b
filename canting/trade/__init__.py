"""Export desk: orders, buyers, export documents and the reference data they cite."""
