"""Claim checker: find a page's quantitative claims and check them against the knowledge."""
