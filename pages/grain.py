"""Theme page: ranked bars, county map, and change by period for 'grain'."""

from targets import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/coldstart.py)

from targets import ui

ui.theme_page("grain")
