// The map itself for graph.js: the stored columns unpacked into vis-network's DataSets, the
// communities closed into cluster nodes, growth and filters replayed. Colours, sizes, widths
// and positions come as they were decided in arena/graph/drawing.py.
const NEW_COLOUR = "#b35900";
const LABEL_PX = 13; // on screen, for the names always shown (at least 10 px, WCAG-readable)
const NAMED_CLUSTERS = 12; // the largest communities' names are shown at the first view too

export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (_m, key) => String(values[key]));
// Columns back into records: {count, columns: {key: values | {values, codes}}}.
export function unpack(packed) {
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

function titleOf(n, isBroker, labels) {
  const lines = [n.label, n.organisation, n.sector, n.policy_domain, n.role].filter(Boolean);
  if (isBroker) lines.push(labels.broker);
  return lines.map(String).join("\n");
}

function edgeTitle(e, labels) {
  const parts = [];
  for (const key of ["collaborations", "co_presented", "shared_sessions"]) {
    if (e[key]) parts.push(`${labels[key]}: ${e[key]}`);
  }
  if (e.kind === "inspired") parts.push(labels.inspired);
  return parts.join("\n");
}

export class GraphMap {
  constructor(data, container, config) {
    this.config = config;
    this.data = data;
    this.records = unpack(data.nodes);
    this.ties = unpack(data.edges);
    this.central = new Set(data.central);
    this.brokers = new Set(data.brokers);
    this.named = new Set([...data.central, ...data.brokers].map((i) => this.records[i].id));
    this.keep = this.config.keep ? new Set(this.config.keep) : null;
    this.step = Math.max(0, data.steps.length - 1);
    this.colourKey = this.config.colour === "sector" ? "color" : `color_${this.config.colour}`;
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
      value: Number(n[this.config.size] || 0),
      title: titleOf(n, broker, this.config.labels),
      borderWidth: broker ? 5 : 1,
      hidden: !this.shows(n, i),
    };
  }

  edgeItem(e, i) {
    return { ...e, id: `e${i}`, from: this.records[e.from].id, to: this.records[e.to].id,
      title: edgeTitle(e, this.config.labels), hidden: !this.showsEdge(e) };
  }

  shows(n, i) {
    return (n.step ?? 0) <= this.step && (!this.keep || this.keep.has(i));
  }

  showsEdge(e) {
    if ((e.step ?? 0) > this.step) return false;
    if (this.config.edgeField && !e[this.config.edgeField]) return false;
    return this.shows(this.records[e.from], e.from) && this.shows(this.records[e.to], e.to);
  }

  addSuggestions() {
    const known = new Set(this.records.map((n) => n.id));
    this.suggestionIds = [];
    (this.config.suggestions || []).forEach(([a, b], i) => {
      if (!known.has(a) || !known.has(b)) return;
      const id = `s${i}`;
      this.suggestionIds.push(id);
      this.edges.add({ id, from: a, to: b, dashes: [6, 5], width: 2, hidden: true,
        color: { color: NEW_COLOUR }, title: this.config.labels.suggested, suggestion: true });
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
      const label = (more ? fill(this.config.labels.clusterName, { names: shown.join(", "), more })
        : shown.join(", ")) + (fresh ? ` (+${fresh})` : "");
      this.network.cluster({
        joinCondition: (n) => n.community === c.community && !n.hidden && !this.named.has(n.id),
        clusterNodeProperties: {
          id: `cluster-${c.community}`, label, community: c.community, isCluster: true,
          title: fill(this.config.labels.clusterTitle, { count: inside.length }), shape: "dot",
          size: c.size, borderWidth: fresh ? 4 : 2,
          color: { background: c[`color_${this.config.colour}`], border: fresh ? NEW_COLOUR : "#4a5561" },
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
    const text = groups ? this.config.labels.statusClustered : this.config.labels.status;
    document.getElementById("graph-status").textContent = fill(text, {
      nodes: nodes.toLocaleString(document.documentElement.lang || undefined),
      edges: edges.toLocaleString(document.documentElement.lang || undefined), groups });
    document.getElementById("graph-regroup").hidden = !this.clustered;
  }
}

