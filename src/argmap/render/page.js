// argmap's diagram page: pan, zoom, search, a node's details, an overview's parts opened in place. No framework.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const view = document.getElementById("view"), panel = document.getElementById("panel");
  const search = document.getElementById("search"), hits = document.getElementById("hits");
  const back = document.getElementById("back");
  const overview = view.innerHTML;
  const bySvg = {};
  for (const [id, node] of Object.entries(data.nodes)) bySvg[node.svg] = id;
  let box = null;

  function svg() { return view.querySelector("svg"); }
  function setBox(b) { box = b; svg().setAttribute("viewBox", b.join(" ")); }
  function fit() {
    const s = svg(); s.removeAttribute("width"); s.removeAttribute("height");
    const g = s.getBBox(); setBox([g.x, g.y, g.width, g.height]);
  }
  function show(html, isOverview) {
    view.innerHTML = html; fit();
    back.hidden = isOverview;
  }
  function openPart(key) {
    const tpl = document.getElementById("tpl-" + key);
    if (tpl) show(tpl.innerHTML, false);
  }
  function text(tag, content, cls) {
    const el = document.createElement(tag); el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }
  function details(id) {
    const node = data.nodes[id]; panel.replaceChildren();
    panel.append(text("h2", node.text), text("p", id + " · " + node.kind, "meta"));
    if (node.standing) panel.append(text("p", "standing: " + node.standing));
    if (node.stated) panel.append(text("p", "the author's probability: " + node.stated));
    if (node.computed) panel.append(text("p", "argmap's probability: " + node.computed));
    for (const q of node.quotes) {
      panel.append(text("blockquote", "\u201c" + q.text + "\u201d"));
      if (q.source) panel.append(text("p", q.source, "meta"));
      if (q.url) panel.append(text("p", q.url, "url"));
    }
    if (node.note) panel.append(text("p", "note: " + node.note));
  }
  function focus(id) {
    const node = data.nodes[id];
    let el = document.getElementById(node.svg);
    if ((!el || !view.contains(el)) && node.part) { openPart(node.part); el = document.getElementById(node.svg); }
    if (!el || !view.contains(el)) return;
    for (const old of view.querySelectorAll(".found")) old.classList.remove("found");
    el.classList.add("found");
    const b = el.getBBox(), m = svg().getScreenCTM().inverse().multiply(el.getScreenCTM());
    const x = m.a * (b.x + b.width / 2) + m.c * (b.y + b.height / 2) + m.e;
    const y = m.b * (b.x + b.width / 2) + m.d * (b.y + b.height / 2) + m.f;
    const w = Math.min(box[2], Math.max(b.width * 6, 400)), h = w * box[3] / box[2];
    setBox([x - w / 2, y - h / 2, w, h]);
    details(id);
  }

  view.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (link) event.preventDefault();
    const g = event.target.closest("g.node");
    if (!g) return;
    const href = link && (link.getAttribute("href") || link.getAttribute("xlink:href")) || "";
    if (href.startsWith("#")) { openPart(href.slice(1)); return; }
    if (bySvg[g.id]) details(bySvg[g.id]);
  });
  let drag = null;
  view.addEventListener("pointerdown", (e) => { drag = [e.clientX, e.clientY, box.slice()]; });
  window.addEventListener("pointerup", () => { drag = null; });
  view.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const k = box[2] / view.clientWidth;
    setBox([drag[2][0] - (e.clientX - drag[0]) * k, drag[2][1] - (e.clientY - drag[1]) * k, box[2], box[3]]);
  });
  view.addEventListener("wheel", (e) => {
    e.preventDefault();
    const k = e.deltaY > 0 ? 1.2 : 1 / 1.2, r = view.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    setBox([box[0] + box[2] * fx * (1 - k), box[1] + box[3] * fy * (1 - k), box[2] * k, box[3] * k]);
  }, { passive: false });
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase(); hits.replaceChildren();
    if (!q) return;
    let count = 0;
    for (const [id, node] of Object.entries(data.nodes)) {
      if (!id.includes(q) && !node.text.toLowerCase().includes(q)) continue;
      const li = text("li", id + ": " + node.text);
      li.addEventListener("click", () => { hits.replaceChildren(); focus(id); });
      hits.append(li);
      if (++count === 50) break;
    }
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && hits.firstChild) hits.firstChild.click();
    if (e.key === "Escape") hits.replaceChildren();
  });
  back.addEventListener("click", () => show(overview, true));
  document.getElementById("fit").addEventListener("click", fit);
  fit();
})();
