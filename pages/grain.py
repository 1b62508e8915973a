"""Theme page: ranked bars, county map, and change by period for 'grain'."""

from targets import ui

ui.theme_page("grain")
