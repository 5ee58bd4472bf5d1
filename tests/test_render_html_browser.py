"""The interactive page in a real browser: the exported Mosul page loaded by headless Chromium, its script run
without an error, the diagram fitted, search, details and an overview's part opened as a reader would use them.
Skipped where no Chromium is on PATH (`apt-get install chromium`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.cli import main
from support import MAPS

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium on PATH")
MOSUL = next((path for path in MAPS if path.name == "mosul-2014.yaml"), None)

#: Runs first: records every error the page raises.
CATCH = ('<script>window.__errors = []; addEventListener("error", (e) => '
         'window.__errors.push(String(e.message)));</script>')
#: Runs after the page's script: searches, opens the first hit, clicks a node, and writes what it saw.
PROBE = """<script>
(function () {
  const seen = {errors: window.__errors};
  try {
    const svg = document.querySelector("#view svg");
    seen.viewBox = svg.getAttribute("viewBox");
    seen.width = svg.getAttribute("width");
    const search = document.getElementById("search");
    search.value = QUERY;
    search.dispatchEvent(new Event("input"));
    seen.hits = Array.from(document.querySelectorAll("#hits li"), (li) => li.textContent);
    search.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}));
    seen.found = Array.from(document.querySelectorAll("#view .found"), (el) => el.id);
    seen.panel = document.getElementById("panel").textContent;
    seen.focusedBox = document.querySelector("#view svg").getAttribute("viewBox");
    const node = document.querySelector("#view g.node:not(.found)");
    node.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    seen.clicked = node.id;
    seen.panelAfterClick = document.getElementById("panel").textContent;
  } catch (error) {
    seen.errors.push("probe: " + error);
  }
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(seen);
  document.body.append(out);
})();
</script>"""


def dump_dom(page: Path, profile: Path) -> tuple[str, str]:
    """The page's DOM after its scripts ran, and what the browser logged."""
    assert BROWSER is not None
    done = subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def probed(page: Path, query: str, tmp_path: Path) -> dict[str, object]:
    html = page.read_text(encoding="utf-8")
    html = html.replace("<head>", "<head>\n" + CATCH, 1)
    html = html.replace("</body>", PROBE.replace("QUERY", json.dumps(query)) + "\n</body>", 1)
    probe = page.with_name("probe-" + page.name)
    probe.write_text(html, encoding="utf-8")
    dom, log = dump_dom(probe, tmp_path / "profile")
    match = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert match, "the probe did not run: " + log[-2000:]
    result: dict[str, object] = json.loads(match.group(1).replace("&lt;", "<").replace("&gt;", ">")
                                            .replace("&quot;", '"').replace("&amp;", "&"))
    assert "Uncaught" not in log, log
    return result


@pytest.mark.skipif(MOSUL is None, reason="no Mosul map")
def test_the_mosul_page_renders_in_chromium_and_its_script_works(tmp_path: Path) -> None:
    assert MOSUL is not None
    page = tmp_path / "mosul.html"
    assert main(["export", str(MOSUL), "-o", str(page)]) == 0
    dom, log = dump_dom(page, tmp_path / "plain-profile")
    assert "Uncaught" not in log
    for node in ("maliki-benefits-politically", "army-abandoned-posts", "isis-seizes-mosul"):
        assert f'id="node-{node}"' in dom
    seen = probed(page, "maliki", tmp_path)
    assert seen["errors"] == []
    assert seen["viewBox"] and not seen["width"]  # fitted by the script
    hits = seen["hits"]
    assert isinstance(hits, list) and hits and all("maliki" in hit.lower() for hit in hits)
    first = hits[0].split(":")[0]
    assert seen["found"] == [f"node-{first}"]
    assert first in str(seen["panel"]) and seen["focusedBox"] != seen["viewBox"]  # centred on it
    assert str(seen["clicked"]).startswith("node-") and seen["panelAfterClick"] != seen["panel"]


def test_an_overview_page_opens_a_part_from_search(tmp_path: Path) -> None:
    from test_render_overview import joined_forest

    source = tmp_path / "big.json"
    source.write_text(json.dumps(joined_forest()), encoding="utf-8")
    page = tmp_path / "big.html"
    assert main(["export", str(source), "-o", str(page), "--overview-above", "20"]) == 0
    seen = probed(page, "t3-n7", tmp_path)
    assert seen["errors"] == []
    hits = seen["hits"]
    assert isinstance(hits, list) and hits
    first = hits[0].split(":")[0]
    assert seen["found"] == [f"node-{first}"]  # drawn in its part, opened in place
    assert first in str(seen["panel"])
