"""Command-line adapter: thin click commands over the core."""
