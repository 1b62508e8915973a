"""Start the dashboard: `streamlit run app.py` with multipage navigation fixed from the first request.

Streamlit treats a `pages/` folder beside the entry script as an old-style
(v1) multipage app until the entry script has called `st.navigation` once.
On a cold server, a shared link to a sub-page (e.g. /sewer?hl=...) would
otherwise run that page alone, without the sidebar or navigation. Setting the
flag before serving makes every first request go through app.py.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
