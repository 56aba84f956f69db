"""Test machinery shared by every app's tests (pytest plugins, not fixtures of one app)."""
