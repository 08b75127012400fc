"""The local web app: server-rendered pages and a JSON API over the same core as the CLI."""
