// The map itself for graph.js: the stored columns unpacked into vis-network's DataSets, the
// communities closed into cluster nodes, growth and filters replayed. Colours, sizes, widths
// and positions come as they were decided in arena/graph/drawing.py.
const NEW_COLOUR = "#b35900";
const LABEL_PX = 13; // on screen, for the names always shown (at least 10 px, WCAG-readable)
const NAMED_CLUSTERS = 12; // the largest communities' names are shown at the first view too
const measure = document.createElement("canvas").getContext("2d"); // label widths

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

// vis-network switches a node's or tie's physics flag one by one when it closes or opens a
// cluster, and each switch re-parses all the item's options and re-measures its label: most
// of the time to close the communities and to open a big one. Physics is off for the whole
// map (positions are stored), so the flag alone is set; any other change goes the full way.
function physicsFlagOnly(network) {
  const patch = (item) => {
    const proto = item && Object.getPrototypeOf(item);
    if (!proto || Object.prototype.hasOwnProperty.call(proto, "arenaPhysicsFlagOnly")) return;
    const full = proto.setOptions;
    proto.setOptions = function setOptions(options) {
      if (options && Object.keys(options).length === 1 && "physics" in options) {
        const changed = this.options.physics !== options.physics;
        this.options.physics = options.physics;
        return changed;
      }
      return full.call(this, options);
    };
    proto.arenaPhysicsFlagOnly = true;
  };
  const { nodes, edges } = network.body;
  patch(Object.values(nodes)[0]);
  patch(Object.values(edges)[0]);
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
    this.sizeRange = this.valueRange();
    this.container = container;
    this.nodes = new vis.DataSet();
    this.edges = new vis.DataSet();
    // Filled once the network exists: nodes given to the constructor are all measured, labels
    // and all, for a first fit to the whole map (fitAll does that from the stored positions).
    this.network = new vis.Network(container, { nodes: this.nodes, edges: this.edges }, data.options);
    // vis-network draws the whole map after every change; nothing is drawn until the
    // communities are closed (drawn() lets it draw again)
    this.network.body.emitter.emit("_blockRedraw");
    this.nodes.add(this.records.map((n, i) => this.nodeItem(n, i)));
    this.deferred = this.deferTies();
    const first = this.ties.map((e, i) => i).filter((i) => !this.isDeferred[i]);
    this.edges.add(first.map((i) => this.edgeItem(this.ties[i], i)));
    this.addSuggestions();
    physicsFlagOnly(this.network);
    container.graphNetwork = this.network; // for the benchmark and browser tests; not a global
  }

  drawn() {
    this.network.body.emitter.emit("_allowRedraw");
    this.network.redraw();
  }

  // The view of the whole map, from the stored positions and sizes: vis-network's fit()
  // measures every node's label first, also those inside closed communities.
  fitAll() {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const n of this.records) {
      const r = this.sizeOf(n);
      minX = Math.min(minX, n.x - r);
      maxX = Math.max(maxX, n.x + r);
      minY = Math.min(minY, n.y - r);
      maxY = Math.max(maxY, n.y + r);
    }
    const { clientWidth: width, clientHeight: height } = this.container;
    if (!this.records.length || !width || !height) {
      this.network.fit({ animation: false });
      return;
    }
    const scale = Math.min(1, width / (1.1 * (maxX - minX) || 1), height / (1.1 * (maxY - minY) || 1));
    this.network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale,
      animation: false });
  }

  // Ties inside a community that starts closed wait until it opens (see loadTies): nobody
  // sees them before, and vis-network would otherwise build, hide and re-route each one.
  deferTies() {
    const deferred = new Map();
    this.isDeferred = new Uint8Array(this.ties.length);
    if (!this.clustered) return deferred;
    const closed = new Set(this.data.clusters.map((c) => c.community));
    this.ties.forEach((e, i) => {
      const a = this.records[e.from];
      const b = this.records[e.to];
      if (a.community !== b.community || !closed.has(a.community)) return;
      if (this.named.has(a.id) || this.named.has(b.id)) return;
      if (!deferred.has(a.community)) deferred.set(a.community, []);
      deferred.get(a.community).push(i);
      this.isDeferred[i] = 1;
    });
    return deferred;
  }

  // Add the waiting ties of every community that is not closed now.
  loadTies() {
    const items = [];
    for (const [community, indices] of this.deferred) {
      if (this.network.body.nodes[`cluster-${community}`]) continue;
      for (const i of indices) {
        this.isDeferred[i] = 0;
        items.push(this.edgeItem(this.ties[i], i));
      }
      this.deferred.delete(community);
    }
    if (items.length) this.edges.add(items);
  }

  // Open one community at the stored positions of its nodes (they are fixed) with its ties.
  open(id) {
    this.network.openCluster(id);
    this.loadTies();
  }

  // The size a node has for the chosen figure, as vis-network's own scaling would give it
  // (linear between scaling.min and .max over every node's value). Given as `size` rather than
  // `value`, so vis-network does not rescale every node each time a cluster opens or closes.
  valueRange() {
    let min = Infinity;
    let max = -Infinity;
    for (const n of this.records) {
      const v = Number(n[this.config.size] || 0);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const { min: low, max: high } = this.data.options.nodes.scaling;
    return { min, max, low, high };
  }

  sizeOf(n) {
    const { min, max, low, high } = this.sizeRange;
    const share = max === min ? 0.5 : (Number(n[this.config.size] || 0) - min) / (max - min);
    return low + share * (high - low);
  }

  nodeItem(n, i) {
    const broker = this.brokers.has(i);
    return {
      ...n,
      color: { background: n[this.colourKey], border: broker ? "#1b1f24" : n[this.colourKey] },
      size: this.sizeOf(n),
      fixed: true, // at its stored position, also when its community opens
      title: titleOf(n, broker, this.config.labels),
      borderWidth: broker ? 5 : 1,
      hidden: !this.shows(n, i),
    };
  }

  edgeItem(e, i) {
    const fresh = e.step === this.step && this.step > 0;
    return { ...e, id: `e${i}`, from: this.records[e.from].id, to: this.records[e.to].id,
      title: edgeTitle(e, this.config.labels), hidden: !this.showsEdge(e),
      color: { color: fresh ? NEW_COLOUR : e.color }, width: fresh ? e.width + 1 : e.width };
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
    const items = [];
    (this.config.suggestions || []).forEach(([a, b], i) => {
      if (!known.has(a) || !known.has(b)) return;
      const id = `s${i}`;
      this.suggestionIds.push(id);
      items.push({ id, from: a, to: b, dashes: [6, 5], width: 2, hidden: true,
        color: { color: NEW_COLOUR }, title: this.config.labels.suggested, suggestion: true });
    });
    this.edges.add(items); // one change: vis-network redraws after each
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
    this.loadTies(); // of communities too small to close
  }

  openAll() {
    for (const id of Object.keys(this.network.body.nodes)) {
      if (this.network.isCluster(id)) this.network.openCluster(id);
    }
    this.loadTies();
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
  // zoom, each placed where it overlaps no other (see placeLabels). Set on vis-network's own
  // node objects and drawn once: going through the DataSet or updateClusteredNode re-checks
  // every cluster per call, seconds on a big map.
  sizeLabels(redraw = true) {
    const font = this.font();
    const { nodes } = this.network.body;
    for (const [id, vadjust] of this.placeLabels(font.size)) {
      nodes[id].setOptions({ font: { ...font, vadjust, bold: { ...font.bold, vadjust } } });
    }
    if (redraw) this.network.redraw();
  }

  // The always-shown names, most central first: hubs of one dense community sit close
  // together, so their names, all below their nodes, would be drawn on top of each other.
  // Each goes below its node, else just above it, else a line further down or up (vadjust),
  // at the first place where it overlaps no name placed before. Canvas units throughout:
  // a name is `size` high and as wide as the canvas measures it (vis-network's arial).
  placeLabels(size) {
    const { nodes } = this.network.body;
    const ids = [...new Set([...this.data.central, ...this.data.brokers])]
      .map((i) => this.records[i].id);
    ids.push(...this.data.clusters.slice(0, NAMED_CLUSTERS).map((c) => `cluster-${c.community}`));
    const gap = 3 / this.network.getScale();
    measure.font = `${size}px arial`;
    const placed = [];
    const free = (box) => !placed.some((p) => box.left < p.right + gap && p.left < box.right + gap
      && box.top < p.bottom + gap && p.top < box.bottom + gap);
    const result = new Map();
    for (const id of ids) {
      const node = nodes[id];
      if (!node || node.options.hidden || node.options.label === undefined) continue;
      const half = measure.measureText(String(node.options.label)).width / 2;
      const radius = node.options.size || 0;
      const below = node.y + radius + size / 2 + 4; // where vis-network puts a dot's name
      const above = -(2 * radius + 1.5 * size + 8);
      const line = size + 2 * gap;
      const tries = [0, above];
      for (let k = 1; k <= 12; k += 1) tries.push(k * line, above - k * line);
      const boxAt = (shift) => ({ left: node.x - half, right: node.x + half,
        top: below + shift, bottom: below + shift + size });
      const shift = tries.find((t) => free(boxAt(t))) ?? 0;
      placed.push(boxAt(shift));
      result.set(id, shift);
    }
    return result;
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
        const { id, hidden, color, width } = this.edgeItem(e, i);
        return { id, hidden, color, width };
      }),
      ...this.suggestionIds.map((id) => ({ id, hidden: !showSuggested })),
    ]);
    this.cluster();
    this.sizeLabels();
    this.report();
  }

  report() {
    const nodes = this.records.filter((n, i) => this.shows(n, i)).length; // no DataSet copies
    const edges = this.ties.filter((e) => this.showsEdge(e)).length; // waiting ones too
    const groups = this.closedCount();
    const text = groups ? this.config.labels.statusClustered : this.config.labels.status;
    document.getElementById("graph-status").textContent = fill(text, {
      nodes: nodes.toLocaleString(document.documentElement.lang || undefined),
      edges: edges.toLocaleString(document.documentElement.lang || undefined), groups });
    document.getElementById("graph-regroup").hidden = !this.clustered;
  }
}

