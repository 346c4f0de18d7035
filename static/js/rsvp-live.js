// Keep a session's answer counts and table current while an organiser has the page open.
const section = document.getElementById("answers");
const labels = JSON.parse(document.getElementById("answer-labels")?.textContent || "{}");

async function refresh() {
  try {
    const response = await fetch(section.dataset.url, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    for (const [name, value] of Object.entries(data.counts)) {
      const cell = section.querySelector(`[data-count="${name}"]`);
      if (cell) cell.textContent = String(value);
    }
    for (const row of data.rows) {
      const line = section.querySelector(`[data-row="${row.id}"]`);
      if (!line) continue;
      line.querySelector('[data-field="response"]').textContent = labels[row.response || "none"];
      line.querySelector('[data-field="attended"]').textContent = row.attended ? labels.came : "";
    }
  } catch (error) {
    // offline for a moment: the next poll tries again
  }
}

if (section) {
  setInterval(refresh, 10000);
}
