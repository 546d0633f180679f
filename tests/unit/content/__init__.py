"""Unit tests of kit.content: the knowledge base, its loader and snapshot, UI strings, feedback, rendering."""
