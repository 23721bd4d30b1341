// One plotly chart that stays the same element across reruns: a new figure is drawn in place with
// Plotly.react, instead of a new chart element drawn from scratch (see pages/charts.py).

const PLOTLY_URL = "app/static/plotly.min.js"; // put there by pages/charts.py, relative to the app's base URL

// plotly.js, loaded once per browser tab (and cached by the browser like any script).
function plotly() {
  window.rnnvizPlotly ??= new Promise((loaded, failed) => {
    const script = document.createElement("script");
    script.src = new URL(PLOTLY_URL, document.baseURI).href;
    script.onload = () => loaded(window.Plotly);
    script.onerror = () => failed(new Error(`${PLOTLY_URL} did not load`));
    document.head.appendChild(script);
  });
  return window.rnnvizPlotly;
}

// The toolbar's full-screen button, as Streamlit's own charts have. One click handler for every chart:
// Plotly.react compares the config with the last one, and a new function would make it draw from scratch.
function toggleFullScreen(div) {
  return document.fullscreenElement ? document.exitFullscreen() : div.requestFullscreen();
}

// Full screen, the chart takes the screen's height; back, its own. One listener for the whole page.
let fullScreenChart = null;
function onFullScreenChange() {
  const shown = document.fullscreenElement;
  const div = shown?.classList.contains("rnnviz-plot") ? shown : fullScreenChart;
  fullScreenChart = shown?.classList.contains("rnnviz-plot") ? shown : null;
  if (!div?.isConnected || !window.Plotly) return;
  div.style.background = div === shown ? "white" : "";
  window.Plotly.relayout(div, { height: div === shown ? window.innerHeight : div.rnnvizHeight });
}
if (!window.rnnvizFullScreen) {
  document.addEventListener("fullscreenchange", onFullScreenChange);
  window.rnnvizFullScreen = true;
}

// Presentation mode asks for larger charts (pages/classroom.py sets --rnnviz-chart-scale): plotly lays out
// the larger type itself, where a CSS font size would make legend entries and titles overlap.
function chartScale() {
  return parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--rnnviz-chart-scale")) || 1;
}

function scaleFonts(layout, scale) {
  layout.font = { ...(layout.font ?? {}), size: (layout.font?.size ?? 12) * scale };
  const walk = (node) => {
    for (const [key, value] of Object.entries(node)) {
      if (!value || typeof value !== "object") continue;
      if (key !== "font" && key.endsWith("font") && value.size) value.size *= scale;
      if (key === "font" && node !== layout && value.size) value.size *= scale;
      walk(value);
    }
  };
  walk(layout);
  if (layout.height) layout.height = Math.round(layout.height * scale); // room for the larger axis titles
}

export default function ({ parentElement, data: bytes }) {
  let div = parentElement.querySelector("div.rnnviz-plot");
  if (!div) {
    div = document.createElement("div");
    div.className = "rnnviz-plot";
    parentElement.appendChild(div);
    // the chart follows its column's width, which changes without a window resize too (sidebar closed)
    div.rnnvizResize = new ResizeObserver(() => {
      // not while hidden (a width of 0): plotly refuses to resize a plot that is not displayed
      const drawn = window.Plotly && div._fullLayout && div.clientWidth > 0;
      if (drawn && Math.abs(div._fullLayout.width - div.clientWidth) > 1) {
        window.Plotly.Plots.resize(div).catch(() => {}); // removed meanwhile: nothing to resize
      }
    });
    div.rnnvizResize.observe(div);
  }
  // Streamlit calls this again when it re-renders the element for other reasons: same figure, nothing to do
  const text = new TextDecoder().decode(bytes); // {"figure": ..., "config": ..., "fullscreen": ..., "failed": ...}
  const scale = chartScale();
  if (div.rnnvizFigure !== text || div.rnnvizScale !== scale) {
    div.rnnvizFigure = text;
    div.rnnvizScale = scale;
    const data = JSON.parse(text);
    const fig = data.figure;
    if (scale !== 1) scaleFonts(fig.layout, scale);
    div.rnnvizHeight = fig.layout.height ?? null; // a number: plotly changes the layout object it is given
    if (!div.classList.contains("js-plotly-plot")) div.style.minHeight = `${fig.layout.height ?? 450}px`;
    plotly()
      .then((Plotly) => {
        if (div.rnnvizFigure !== text) return; // a newer figure came while plotly.js loaded
        if (document.fullscreenElement === div) fig.layout.height = window.innerHeight;
        const config = {
          displaylogo: false,
          modeBarButtonsToRemove: ["lasso2d", "select2d"],
          modeBarButtonsToAdd: [{ name: "fullscreen", title: data.fullscreen, icon: Plotly.Icons.autoscale,
                                  click: toggleFullScreen }],
          ...data.config,
        };
        return Plotly.react(div, fig.data, fig.layout, config);
      })
      .then(() => div.style.removeProperty("min-height"))
      .catch((error) => {
        div.textContent = `${data.failed} (${error.message ?? error})`;
      });
  }
  return () => { // unmounted: a later mount starts afresh
    div.rnnvizResize.disconnect();
    window.Plotly?.purge(div);
    div.remove();
  };
}
