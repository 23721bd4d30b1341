"""A small Streamlit protocol client: one simulated browser session over the app's websocket.

It speaks the protobuf messages that the installed streamlit ships (BackMsg out, ForwardMsg in),
so a load test needs no browser: it asks for a script run, optionally with changed widget
values, and times it until the server reports ``script_finished``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "interrupted",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "ok",
}


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    status: str
    exceptions: list[str] = field(default_factory=list)
    charts: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # text areas' values by user key


class Session:
    """One browser tab: a websocket, the widget states it holds, and the widgets it has seen."""

    def __init__(self, base_url: str, page: str = "", cookie: str | None = None):
        self.url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.page, self.cookie = page, cookie  # a balancer's sticky cookie, sent with the websocket
        self.replica: str | None = None  # the replica that answered, if a balancer says (X-Rnnviz-Replica)
        self.states: dict[str, WidgetState] = {}
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.fragments: dict[str, str] = {}  # user key -> id of the fragment the widget lives in
        self.changed: set[str] = set()  # keys set since the last run
        self.ws = None

    async def __aenter__(self) -> Session:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=30,
            ping_interval=None,
            additional_headers=headers,
        )
        self.replica = self.ws.response.headers.get("X-Rnnviz-Replica")
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    def set_number(self, key: str, value: int) -> None:
        """Set an integer number_input (identified by its user key) for the next run."""
        self.states[key] = WidgetState(id=self.widgets[key], int_value=value)
        self.changed.add(key)

    def set_text(self, key: str, value: str) -> None:
        """Set a text_area or text_input for the next run."""
        self.states[key] = WidgetState(id=self.widgets[key], string_value=value)
        self.changed.add(key)

    def set_slider(self, key: str, value: float) -> None:
        """Move a slider (identified by its user key) to ``value`` for the next run."""
        state = WidgetState(id=self.widgets[key])
        state.double_array_value.data[:] = [value]
        self.states[key] = state
        self.changed.add(key)

    async def run(self, query_string: str = "", timeout: float = 120) -> Run:
        """Ask for a script run with the current widget states; wait for script_finished. Like the browser,
        a change of widgets that all live in one fragment reruns only that fragment."""
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_name = self.page
        fragments = {self.fragments.get(key, "") for key in self.changed}
        if len(fragments) == 1 and "" not in fragments:
            msg.rerun_script.fragment_id = fragments.pop()
        self.changed.clear()
        msg.rerun_script.widget_states.widgets.extend(self.states.values())
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run(0.0, "timeout")
        try:
            async with asyncio.timeout(timeout):
                while True:
                    fwd = ForwardMsg()
                    fwd.ParseFromString(await self.ws.recv())
                    kind = fwd.WhichOneof("type")
                    if kind == "delta":
                        self._record(fwd, run)
                    elif kind == "script_finished":
                        run.status = FINISHED.get(fwd.script_finished, str(fwd.script_finished))
                        if run.status != "interrupted":
                            break
        except TimeoutError:
            pass
        run.seconds = time.perf_counter() - start
        return run

    def _record(self, fwd: ForwardMsg, run: Run) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "bidi_component" and element.bidi_component.component_name == "rnnviz_chart":
            run.charts += 1
        elif kind in ("slider", "number_input", "text_area", "text_input"):
            widget_id = getattr(element, kind).id  # "$$ID-<hash>-<user key>"
            key = widget_id.rsplit("-", 1)[-1]
            if kind == "text_area":
                run.texts[key] = element.text_area.value if element.text_area.set_value else element.text_area.default
            self.widgets[key] = widget_id
            if delta.fragment_id:
                self.fragments[key] = delta.fragment_id
            else:
                self.fragments.pop(key, None)


async def _demo(url: str) -> None:
    async with Session(url) as s:
        first = await s.run()
        print("first run", first)
        s.set_slider("hidden", 24)
        print("hidden=24", await s.run())


if __name__ == "__main__":
    import sys

    asyncio.run(_demo(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501"))
