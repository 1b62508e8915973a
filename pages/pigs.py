"""Theme page: ranked bars, county map, and change by period for 'pigs'."""

from targets import ui

ui.theme_page("pigs")
