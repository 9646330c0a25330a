"""Errors raised by services for rule violations: a message for people, never a 500."""

from django.core.exceptions import ValidationError


class RuleViolation(ValidationError):
    """A business rule said no; views show `messages` next to the form."""
