# rnnviz for a class: one replica = one Streamlit process on 2 cores (see README "Serving a class").
# Not built on the development machine (it has no Docker engine); the steps are the ones .ci/run runs.
FROM python:3.11-slim

# torch uses one thread per session: dozens of sessions share the cores better than one greedy one
ENV OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY requirements.txt .
# torch==2.13.0 from the CPU wheel index: the default index would pull a multi-GB CUDA build
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt

COPY . .
# the charts' plotly.js, served from static/ (pages/charts.py copies it at start-up too, if it can write there)
RUN mkdir -p static && cp "$(python -c 'import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent)')/package_data/plotly.min.js" static/
RUN mkdir -p /root/.streamlit && cp deploy/class.toml /root/.streamlit/config.toml

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["streamlit", "run", "app.py"]
