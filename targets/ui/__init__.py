"""The thin Streamlit layer: the only package in targets/ that imports streamlit.

- `session`: this run's snapshot and the state mirrored in the URL (pages read state only here);
- `shell`: navigation from the page registry, the shared sidebar, presenter mode (app.py only);
- `blocks`: the chart block (figure, source line, 'Show data' with downloads);
- `text`: config and data text made inert for markdown.
"""
