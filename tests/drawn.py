"""When a page counts as drawn: one definition for the browser tests and for bench/.

A JavaScript function for Playwright's `page.wait_for_function(DRAWN, arg=selector)`: the app's run is
over, the websocket is connected, no skeleton is left, every Plotly chart on the page has drawn its
SVG, and `selector` (if given) is on the page. bench/ imports it from here (bench/common.py puts the
repo on sys.path), so a test's "ready" and a benchmark's "done" are the same moment.
"""

from __future__ import annotations

DRAWN = """(sel) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (charts.some(c => !c.querySelector('.main-svg'))) return false;
  return !sel || document.querySelector(sel) !== null;
}"""

# A page with at least one chart, all drawn (for a page that must show a chart, e.g. a theme page).
SOME_CHART = '[data-testid="stPlotlyChart"]'
