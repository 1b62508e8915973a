"""Theme page: ranked bars, county map, and change by period for 'forest_fire'."""

from targets import ui

ui.theme_page("forest_fire")
