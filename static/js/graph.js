// The graph page's drawing: vis-network fed from the JSON blocks, with search, details on
// click and a growth slider. Text from the data only ever goes in via textContent, attribute
// values or vis-network's plain-text titles, never as HTML.
(function () {
  "use strict";

  var dataBlock = document.getElementById("graph-data");
  var configBlock = document.getElementById("graph-config");
  var container = document.getElementById("graph-canvas");
  if (!dataBlock || !configBlock || !container || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(dataBlock.textContent);
  var config = JSON.parse(configBlock.textContent);
  var labels = config.labels;
  var palette = data.palette;

  function colourKeys() {
    var keys = {};
    data.nodes.forEach(function (n) {
      var key = config.colour === "community" ? String(n.community) : String(n.sector || n.organisation || "");
      keys[key] = true;
    });
    var sorted = Object.keys(keys).sort(function (a, b) {
      return config.colour === "community" ? Number(a) - Number(b) : a.localeCompare(b);
    });
    var colours = {};
    sorted.forEach(function (key, i) { colours[key] = palette[i % palette.length]; });
    return colours;
  }

  var colours = colourKeys();
  function colourOf(n) {
    var key = config.colour === "community" ? String(n.community) : String(n.sector || n.organisation || "");
    return colours[key];
  }

  function sizeOf(n) {
    var value = Number(n[config.size] || 0);
    return config.size === "betweenness" ? 1 + value * 1000 : 1 + value;
  }

  function edgeTitle(e) {
    var parts = [];
    ["collaborations", "co_presented", "shared_sessions"].forEach(function (key) {
      if (e[key]) { parts.push(labels[key] + ": " + e[key]); }
    });
    if (e.kind === "inspired") { parts.push(labels.inspired); }
    return parts.join("\n");
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { color: colourOf(n), value: sizeOf(n), physics: data.physics });
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return Object.assign({}, e, { id: "e" + i, title: edgeTitle(e) });
  }));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  container.graphNetwork = network; // for the benchmark and browser tests; not a global

  function markStable() { document.body.setAttribute("data-graph-state", "stable"); }
  if (data.physics) {
    network.once("stabilized", markStable);
  } else {
    network.once("afterDrawing", markStable);
  }

  // Details of one node, built with DOM nodes and textContent only.
  var details = document.getElementById("graph-details");
  function row(list, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    list.appendChild(dt);
    list.appendChild(dd);
  }
  function showDetails(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    details.replaceChildren();
    var name = document.createElement("p");
    name.className = "card-title";
    name.textContent = n.label;
    details.appendChild(name);
    var list = document.createElement("dl");
    list.className = "graph-figures";
    row(list, labels.organisation, n.organisation);
    row(list, labels.sector, n.sector);
    row(list, labels.policy_domain, n.policy_domain);
    row(list, labels.mechanisms, n.mechanisms || n.small_win_mechanisms);
    row(list, labels.small_wins, n.small_wins);
    row(list, labels.degree, n.degree);
    row(list, labels.weighted_degree, n.weighted_degree);
    row(list, labels.betweenness, Number(n.betweenness).toFixed(4));
    row(list, labels.community, n.community);
    details.appendChild(list);
    if (config.profileUrl && n.record_id !== undefined && n.record_id !== null) {
      var link = document.createElement("a");
      link.href = config.profileUrl.replace("{id}", encodeURIComponent(String(n.record_id)));
      link.textContent = labels.profile;
      details.appendChild(link);
    }
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); }
  });

  // Search by name.
  var search = document.getElementById("graph-search");
  var names = document.getElementById("graph-search-names");
  var byName = {};
  data.nodes.forEach(function (n) {
    byName[String(n.label).toLowerCase()] = n.id;
    var option = document.createElement("option");
    option.value = String(n.label);
    names.appendChild(option);
  });
  function find() {
    var id = byName[search.value.trim().toLowerCase()];
    if (id === undefined) {
      if (search.value.trim()) {
        details.replaceChildren();
        var p = document.createElement("p");
        p.textContent = labels.notFound;
        details.appendChild(p);
      }
      return;
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showDetails(id);
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); find(); }
  });

  // The growth slider: show what existed at each session, and say what it added.
  var slider = document.getElementById("graph-growth");
  var growthText = document.getElementById("graph-growth-text");
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return String(values[key]); });
  }
  function grow() {
    var step = Number(slider.value);
    var addedNodes = 0;
    var addedEdges = 0;
    nodes.update(data.nodes.map(function (n) {
      if (n.step === step) { addedNodes += 1; }
      return { id: n.id, hidden: n.step > step, borderWidth: n.step === step ? 4 : 1 };
    }));
    edges.update(data.edges.map(function (e, i) {
      if (e.step === step) { addedEdges += 1; }
      return { id: "e" + i, hidden: e.step > step };
    }));
    var session = data.steps[step];
    if (!session) {
      growthText.textContent = labels.noSessions;
      return;
    }
    growthText.textContent = fill(labels.session, { n: step + 1, total: data.steps.length }) +
      ": " + session.title + " (" + session.day + ", " + session.series + ") — " +
      fill(labels.added, { nodes: addedNodes, edges: addedEdges });
  }
  slider.addEventListener("input", grow);
  slider.addEventListener("change", grow);
  if (data.steps.length) {
    var last = data.steps.length - 1;
    var session = data.steps[last];
    growthText.textContent = fill(labels.session, { n: last + 1, total: data.steps.length }) +
      ": " + session.title + " (" + session.day + ", " + session.series + ")";
  } else {
    growthText.textContent = labels.noSessions;
  }

  document.querySelector("[data-graph-tools]").hidden = false;
}());
