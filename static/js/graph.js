// The graph page's map: vis-network fed with the stored map (arena/graph/drawing.py decides
// colours, sizes, widths, clusters and positions; this module only picks the columns the
// reader chose). Big maps start with each community closed into one circle, opened on click
// or zoom. Text from the data only ever goes in via textContent, attribute values or
// vis-network's plain-text titles, never as HTML.
import { GraphMap, fill } from "./graph-map.js";

const container = document.getElementById("graph-canvas");
const configBlock = document.getElementById("graph-config");
const config = configBlock ? JSON.parse(configBlock.textContent) : null;
const labels = config ? config.labels : {};

function showDetails(map, id) {
  const details = document.getElementById("graph-details");
  const n = map.nodes.get(id);
  if (!n) return;
  details.replaceChildren();
  const name = document.createElement("p");
  name.className = "card-title";
  name.textContent = n.label;
  details.appendChild(name);
  const list = document.createElement("dl");
  list.className = "graph-figures";
  const row = (term, value) => {
    if (value === undefined || value === null || value === "") return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = String(value).replaceAll(";", ", ");
    list.append(dt, dd);
  };
  row(labels.organisation, n.organisation);
  row(labels.sector, n.sector);
  row(labels.policy_domain, n.policy_domain);
  row(labels.mechanisms, n.mechanisms || n.small_win_mechanisms);
  row(labels.small_wins, n.small_wins);
  row(labels.degree, n.degree);
  row(labels.weighted_degree, n.weighted_degree);
  row(labels.betweenness, Number(n.betweenness || 0).toFixed(4));
  row(labels.community, n.community);
  details.appendChild(list);
  if (config.profileUrl && n.record_id !== undefined && n.record_id !== null) {
    const link = document.createElement("a");
    link.href = config.profileUrl.replace("{id}", encodeURIComponent(String(n.record_id)));
    link.textContent = labels.profile;
    details.appendChild(link);
  }
}

function reveal(map, id) {
  const path = map.network.clustering.findNode(id);
  for (const outer of path.slice(0, -1)) {
    if (map.network.isCluster(outer)) map.open(outer);
  }
}

function wire(map) {
  const { network } = map;
  const stable = () => {
    performance.mark("graph-stable");
    document.body.setAttribute("data-graph-state", "stable");
  };
  network.on("click", (params) => {
    if (!params.nodes.length) return;
    const id = params.nodes[0];
    if (network.isCluster(id)) {
      map.open(id);
      map.report();
    } else {
      showDetails(map, id);
    }
  });
  let fitScale = network.getScale();
  let zooming = null;
  network.on("zoom", () => {
    clearTimeout(zooming);
    zooming = setTimeout(() => zoomed(), 150);
  });
  const zoomed = () => {
    map.sizeLabels();
    if (!map.clustered) return;
    const scale = network.getScale();
    if (scale > fitScale * 2.5) {
      const box = container.getBoundingClientRect();
      const topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
      const bottomRight = network.DOMtoCanvas({ x: box.width, y: box.height });
      for (const id of Object.keys(network.body.nodes)) {
        if (!network.isCluster(id)) continue;
        const p = network.getPosition(id);
        if (p.x > topLeft.x && p.x < bottomRight.x && p.y > topLeft.y && p.y < bottomRight.y) {
          network.openCluster(id);
        }
      }
      map.loadTies();
      map.report();
    } else if (scale < fitScale * 1.2 && map.closedCount() < map.data.clusters.length) {
      map.cluster();
      map.sizeLabels();
      map.report();
    }
  };
  document.getElementById("graph-regroup").addEventListener("click", () => {
    map.cluster();
    map.fitAll();
    fitScale = network.getScale();
    map.sizeLabels();
    map.report();
  });
  document.getElementById("graph-suggested").addEventListener("change", () => map.refresh());

  const search = document.getElementById("graph-search");
  const names = document.getElementById("graph-search-names");
  const byName = new Map();
  for (const n of map.records) byName.set(String(n.label).toLowerCase(), n.id);
  // thousands of suggestions for the search field: added once the map is drawn
  const fillNames = () => {
    const options = map.records.map((n) => {
      const option = document.createElement("option");
      option.value = String(n.label);
      return option;
    });
    names.replaceChildren(...options);
  };
  const find = () => {
    const id = byName.get(search.value.trim().toLowerCase());
    if (id === undefined) {
      if (search.value.trim()) {
        const p = document.createElement("p");
        p.textContent = labels.notFound;
        document.getElementById("graph-details").replaceChildren(p);
      }
      return;
    }
    reveal(map, id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(1.2, network.getScale()), animation: false });
    map.sizeLabels();
    map.report();
    showDetails(map, id);
  };
  search.addEventListener("change", find);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); find(); }
  });

  const slider = document.getElementById("graph-growth");
  const growthText = document.getElementById("graph-growth-text");
  // a session's day in the page's language: "20 januari 2027" on a Dutch page
  const pageLanguage = document.documentElement.lang || undefined;
  const dayLabel = (iso) => new Date(`${iso}T12:00:00`).toLocaleDateString(
    pageLanguage, { day: "numeric", month: "long", year: "numeric" });
  const describe = () => {
    const session = map.data.steps[map.step];
    if (!session) { growthText.textContent = labels.noSessions; return; }
    const added = {
      nodes: map.records.filter((n, i) => n.step === map.step && map.shows(n, i)).length,
      edges: map.ties.filter((e) => e.step === map.step && map.showsEdge(e)).length,
    };
    growthText.textContent = `${fill(labels.session, { n: map.step + 1, total: map.data.steps.length })}: ${session.title} (${dayLabel(session.day)}, ${session.series}) — ${fill(labels.added, added)}`;
  };
  let pending = null;
  const grow = () => {
    map.step = Number(slider.value);
    describe();
    clearTimeout(pending);
    pending = setTimeout(() => map.refresh(), 120);
  };
  slider.addEventListener("input", grow);
  slider.addEventListener("change", grow);
  describe();
  document.querySelector("[data-graph-tools]").hidden = false;
  network.once("afterDrawing", () => {
    stable();
    setTimeout(fillNames, 0);
  });
  map.drawn();
}

async function start() {
  let data;
  try {
    // no headers of its own: the page's <link rel="preload" as="fetch"> has already asked
    const response = await fetch(container.dataset.url);
    if (!response.ok) throw new Error(String(response.status));
    data = await response.json();
  } catch (error) {
    document.getElementById("graph-status").textContent = labels.loadFailed;
    return;
  }
  performance.mark("graph-data");
  const map = new GraphMap(data, container, config);
  performance.mark("graph-network");
  map.fitAll();
  map.cluster();
  performance.mark("graph-clustered");
  map.sizeLabels(false); // drawn once, by wire()
  map.report();
  wire(map);
  performance.mark("graph-wired");
}

if (container && config && typeof vis !== "undefined") {
  start();
}
