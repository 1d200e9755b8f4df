"""salesbook: an Excel-native toolkit for running a field-sales team."""

__version__ = "0.1.0"
