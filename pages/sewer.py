"""Theme page: ranked bars, county map, and change by period for 'sewer'."""

from targets import ui

ui.theme_page("sewer")
