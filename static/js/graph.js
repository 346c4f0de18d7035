// The graph page's map: vis-network fed with the stored map (arena/graph/drawing.py decides
// colours, sizes, widths, clusters and positions; this module only picks the columns the
// reader chose). Big maps start with each community closed into one circle, opened on click
// or zoom. Text from the data only ever goes in via textContent, attribute values or
// vis-network's plain-text titles, never as HTML.
const container = document.getElementById("graph-canvas");
const configBlock = document.getElementById("graph-config");
const config = configBlock ? JSON.parse(configBlock.textContent) : null;
const labels = config ? config.labels : {};
const NEW_COLOUR = "#b35900";
const LABEL_PX = 13; // on screen, for the names always shown (at least 10 px, WCAG-readable)
const NAMED_CLUSTERS = 12; // the largest communities' names are shown at the first view too

const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (_m, key) => String(values[key]));

// Columns back into records: {count, columns: {key: values | {values, codes}}}.
function unpack(packed) {
  const records = Array.from({ length: packed.count }, () => ({}));
  for (const [key, column] of Object.entries(packed.columns)) {
    const values = Array.isArray(column)
      ? column
      : column.codes.map((code) => (code < 0 ? null : column.values[code]));
    values.forEach((value, i) => {
      if (value !== null && value !== undefined) records[i][key] = value;
    });
  }
  return records;
}

function titleOf(n, isBroker) {
  const lines = [n.label, n.organisation, n.sector, n.policy_domain, n.role].filter(Boolean);
  if (isBroker) lines.push(labels.broker);
  return lines.map(String).join("\n");
}

function edgeTitle(e) {
  const parts = [];
  for (const key of ["collaborations", "co_presented", "shared_sessions"]) {
    if (e[key]) parts.push(`${labels[key]}: ${e[key]}`);
  }
  if (e.kind === "inspired") parts.push(labels.inspired);
  return parts.join("\n");
}

class GraphMap {
  constructor(data) {
    this.data = data;
    this.records = unpack(data.nodes);
    this.ties = unpack(data.edges);
    this.central = new Set(data.central);
    this.brokers = new Set(data.brokers);
    this.named = new Set([...data.central, ...data.brokers].map((i) => this.records[i].id));
    this.keep = config.keep ? new Set(config.keep) : null;
    this.step = Math.max(0, data.steps.length - 1);
    this.colourKey = config.colour === "sector" ? "color" : `color_${config.colour}`;
    this.clustered = data.clustered;
    this.nodes = new vis.DataSet(this.records.map((n, i) => this.nodeItem(n, i)));
    this.edges = new vis.DataSet(this.ties.map((e, i) => this.edgeItem(e, i)));
    this.addSuggestions();
    this.network = new vis.Network(container, { nodes: this.nodes, edges: this.edges }, data.options);
    container.graphNetwork = this.network; // for the benchmark and browser tests; not a global
  }

  nodeItem(n, i) {
    const broker = this.brokers.has(i);
    return {
      ...n,
      color: { background: n[this.colourKey], border: broker ? "#1b1f24" : n[this.colourKey] },
      value: Number(n[config.size] || 0),
      title: titleOf(n, broker),
      borderWidth: broker ? 5 : 1,
      hidden: !this.shows(n, i),
    };
  }

  edgeItem(e, i) {
    return { ...e, id: `e${i}`, from: this.records[e.from].id, to: this.records[e.to].id,
      title: edgeTitle(e), hidden: !this.showsEdge(e) };
  }

  shows(n, i) {
    return (n.step ?? 0) <= this.step && (!this.keep || this.keep.has(i));
  }

  showsEdge(e) {
    if ((e.step ?? 0) > this.step) return false;
    if (config.edgeField && !e[config.edgeField]) return false;
    return this.shows(this.records[e.from], e.from) && this.shows(this.records[e.to], e.to);
  }

  addSuggestions() {
    const known = new Set(this.records.map((n) => n.id));
    this.suggestionIds = [];
    (config.suggestions || []).forEach(([a, b], i) => {
      if (!known.has(a) || !known.has(b)) return;
      const id = `s${i}`;
      this.suggestionIds.push(id);
      this.edges.add({ id, from: a, to: b, dashes: [6, 5], width: 2, hidden: true,
        color: { color: NEW_COLOUR }, title: labels.suggested, suggestion: true });
    });
  }

  // One cluster node per community; central nodes and brokers stay out, so their names show.
  cluster(communities = this.data.clusters) {
    if (!this.clustered) return;
    const list = communities.filter((c) => !this.network.body.nodes[`cluster-${c.community}`]);
    list.forEach((c, index) => {
      const inside = this.records.filter(
        (n, i) => n.community === c.community && this.shows(n, i) && !this.named.has(n.id));
      if (inside.length < 2) return;
      const names = c.named.filter((name) => inside.some((n) => n.label === name));
      const fresh = inside.filter((n) => n.step === this.step).length;
      const shown = names.length ? names : [inside[0].label];
      const more = inside.length - shown.length;
      const label = (more ? fill(labels.clusterName, { names: shown.join(", "), more })
        : shown.join(", ")) + (fresh ? ` (+${fresh})` : "");
      this.network.cluster({
        joinCondition: (n) => n.community === c.community && !n.hidden && !this.named.has(n.id),
        clusterNodeProperties: {
          id: `cluster-${c.community}`, label, community: c.community, isCluster: true,
          title: fill(labels.clusterTitle, { count: inside.length }), shape: "dot",
          size: c.size, borderWidth: fresh ? 4 : 2,
          color: { background: c[`color_${config.colour}`], border: fresh ? NEW_COLOUR : "#4a5561" },
          font: this.font(this.data.clusters.indexOf(c) < NAMED_CLUSTERS),
        },
        clusterEdgeProperties: { color: { color: "rgba(140,150,162,0.35)" } },
      }, index === list.length - 1);
    });
  }

  openAll() {
    for (const id of Object.keys(this.network.body.nodes)) {
      if (this.network.isCluster(id)) this.network.openCluster(id);
    }
  }

  closedCount() {
    return Object.keys(this.network.body.nodes).filter((id) => this.network.isCluster(id)).length;
  }

  // A label that stays LABEL_PX on screen at the current zoom (others keep vis-network's
  // default, which it hides below 5 px: names appear as one zooms in).
  font(always = true) {
    if (!always) return { size: 12, strokeWidth: 3, strokeColor: "#ffffff" };
    const scale = this.network ? this.network.getScale() : 1;
    return { size: Math.ceil(LABEL_PX / scale), strokeWidth: Math.ceil(4 / scale),
      strokeColor: "#ffffff", bold: { size: Math.ceil(LABEL_PX / scale) } };
  }

  // Names of central nodes, brokers and the largest clusters stay LABEL_PX on screen at any
  // zoom. Set on vis-network's own node objects and drawn once: going through the DataSet or
  // updateClusteredNode re-checks every cluster per call, seconds on a big map.
  sizeLabels() {
    const font = this.font();
    const { nodes } = this.network.body;
    for (const id of this.named) nodes[id]?.setOptions({ font });
    for (const c of this.data.clusters.slice(0, NAMED_CLUSTERS)) {
      nodes[`cluster-${c.community}`]?.setOptions({ font });
    }
    this.network.redraw();
  }

  // Replay growth and filters: open the circles, show what existed, close them again.
  refresh() {
    this.openAll();
    this.nodes.update(this.records.map((n, i) => {
      const fresh = n.step === this.step && this.step > 0;
      const item = this.nodeItem(n, i);
      if (fresh) item.color = { ...item.color, border: NEW_COLOUR };
      return { id: n.id, hidden: item.hidden, color: item.color,
        borderWidth: fresh ? 4 : item.borderWidth };
    }));
    const showSuggested = document.getElementById("graph-suggested")?.checked;
    this.edges.update([
      ...this.ties.map((e, i) => {
        const fresh = e.step === this.step && this.step > 0;
        return { id: `e${i}`, hidden: !this.showsEdge(e),
          color: { color: fresh ? NEW_COLOUR : e.color }, width: fresh ? e.width + 1 : e.width };
      }),
      ...this.suggestionIds.map((id) => ({ id, hidden: !showSuggested })),
    ]);
    this.cluster();
    this.sizeLabels();
    this.report();
  }

  report() {
    const nodes = this.nodes.get({ filter: (n) => !n.hidden }).length;
    const edges = this.edges.get({ filter: (e) => !e.hidden && !e.suggestion }).length;
    const groups = this.closedCount();
    const text = groups ? labels.statusClustered : labels.status;
    document.getElementById("graph-status").textContent = fill(text, {
      nodes: nodes.toLocaleString(), edges: edges.toLocaleString(), groups });
    document.getElementById("graph-regroup").hidden = !this.clustered;
  }
}

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
    if (map.network.isCluster(outer)) map.network.openCluster(outer);
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
      network.openCluster(id);
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
      map.report();
    } else if (scale < fitScale * 1.2 && map.closedCount() < map.data.clusters.length) {
      map.cluster();
      map.sizeLabels();
      map.report();
    }
  };
  document.getElementById("graph-regroup").addEventListener("click", () => {
    map.cluster();
    network.fit({ animation: false });
    fitScale = network.getScale();
    map.sizeLabels();
    map.report();
  });
  document.getElementById("graph-suggested").addEventListener("change", () => map.refresh());

  const search = document.getElementById("graph-search");
  const names = document.getElementById("graph-search-names");
  const byName = new Map();
  for (const n of map.records) {
    byName.set(String(n.label).toLowerCase(), n.id);
    const option = document.createElement("option");
    option.value = String(n.label);
    names.appendChild(option);
  }
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
  const describe = () => {
    const session = map.data.steps[map.step];
    if (!session) { growthText.textContent = labels.noSessions; return; }
    const added = {
      nodes: map.records.filter((n, i) => n.step === map.step && map.shows(n, i)).length,
      edges: map.ties.filter((e) => e.step === map.step && map.showsEdge(e)).length,
    };
    growthText.textContent = `${fill(labels.session, { n: map.step + 1, total: map.data.steps.length })}: ${session.title} (${session.day}, ${session.series}) — ${fill(labels.added, added)}`;
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
  network.once("afterDrawing", stable);
  network.redraw();
}

async function start() {
  let data;
  try {
    const response = await fetch(container.dataset.url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    data = await response.json();
  } catch (error) {
    document.getElementById("graph-status").textContent = labels.loadFailed;
    return;
  }
  performance.mark("graph-data");
  const map = new GraphMap(data);
  performance.mark("graph-network");
  map.network.fit({ animation: false });
  map.cluster();
  performance.mark("graph-clustered");
  map.sizeLabels();
  map.report();
  wire(map);
  performance.mark("graph-wired");
}

if (container && config && typeof vis !== "undefined") {
  start();
}
