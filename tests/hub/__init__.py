"""Tests of the kit on JupyterHub with PostgreSQL (real hub, proxy, database and Chromium)."""
