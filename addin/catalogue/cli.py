"""What the command line prints after a job: a few lines a person reads."""

from . import define

define("cli", {
    "error_prefix": ("salesbook：", "salesbook: "),
})
