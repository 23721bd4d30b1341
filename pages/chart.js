// One plotly chart that stays the same element across reruns: a new figure is drawn in place with
// Plotly.react, instead of a new chart element drawn from scratch (see pages/charts.py).

const PLOTLY_URL = "app/static/plotly.min.js"; // put there by pages/charts.py, relative to the app's base URL

// plotly.js, fetched once per browser tab. The static route serves it with nosniff, so it is run from a blob.
function plotly() {
  window.rnnvizPlotly ??= fetch(new URL(PLOTLY_URL, document.baseURI))
    .then((reply) => {
      if (!reply.ok) throw new Error(`${PLOTLY_URL}: HTTP ${reply.status}`);
      return reply.text();
    })
    .then((source) => new Promise((loaded, failed) => {
      const script = document.createElement("script");
      script.src = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      script.onload = () => loaded(window.Plotly);
      script.onerror = failed;
      document.head.appendChild(script);
    }));
  return window.rnnvizPlotly;
}

// The chart's own toolbar gets a full-screen button, as Streamlit's charts have.
function fullScreenButton(Plotly, label) {
  return {
    name: "fullscreen",
    title: label,
    icon: Plotly.Icons.autoscale,
    click: (div) => (document.fullscreenElement ? document.exitFullscreen() : div.requestFullscreen()),
  };
}

function onFullScreen(Plotly, div) {
  document.addEventListener("fullscreenchange", () => {
    if (!div.isConnected || !div.classList.contains("js-plotly-plot")) return;
    const full = document.fullscreenElement === div;
    div.style.background = full ? "white" : "";
    Plotly.relayout(div, { height: full ? window.innerHeight : div.rnnvizHeight });
  });
}

export default function ({ parentElement, data }) {
  let div = parentElement.querySelector("div.rnnviz-plot");
  if (!div) {
    div = document.createElement("div");
    div.className = "rnnviz-plot";
    parentElement.appendChild(div);
  }
  // Streamlit calls this again when it re-renders the element for other reasons: same figure, nothing to do
  if (div.rnnvizFigure !== data.figure) {
    div.rnnvizFigure = data.figure;
    const fig = JSON.parse(data.figure);
    div.rnnvizHeight = fig.layout.height ?? null; // a number: plotly changes the layout object it is given
    if (!div.classList.contains("js-plotly-plot")) div.style.minHeight = `${fig.layout.height ?? 450}px`;
    plotly()
      .then((Plotly) => {
        if (div.rnnvizFigure !== data.figure) return; // a newer figure came while plotly.js loaded
        if (document.fullscreenElement === div) fig.layout.height = window.innerHeight;
        if (!div.rnnvizListening) {
          onFullScreen(Plotly, div);
          div.rnnvizListening = true;
        }
        const config = {
          displaylogo: false,
          responsive: true,
          modeBarButtonsToRemove: ["lasso2d", "select2d"],
          modeBarButtonsToAdd: [fullScreenButton(Plotly, data.fullscreen)],
          ...data.config,
        };
        return Plotly.react(div, fig.data, fig.layout, config);
      })
      .then(() => div.style.removeProperty("min-height"))
      .catch((error) => {
        div.textContent = `${data.failed} (${error.message ?? error})`;
      });
  }
  return () => window.Plotly?.purge(div);
}
