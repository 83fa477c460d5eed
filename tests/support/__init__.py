"""Shared test helpers: real local servers and the pages they serve."""
