"""The floor: the least a Streamlit + Plotly page can do. One bar chart, nothing else.

bench/run.py serves it with the same Streamlit, config (.streamlit/config.toml) and
browser as the dashboard, and reports the dashboard's times as multiples of this one.
"""

import plotly.graph_objects as go
import streamlit as st

names = ["离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市"]
values = [20.07, 45.91, 11.33, 57.08, 117.59, 16.2, 42.39, 40.07, 23.46, 10.75, 14.13, 33.8, 60.44]
fig = go.Figure(go.Bar(x=values, y=names, orientation="h"))
fig.update_layout(title="粮食播种面积（万亩）", height=420)
st.plotly_chart(fig, width="stretch", theme=None)
