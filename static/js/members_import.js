// Follows a running member import: polls its progress and reloads the page when it ends.
const box = document.getElementById("import-status");
const bar = document.getElementById("import-progress");
const text = document.getElementById("import-progress-text");

async function poll() {
  const response = await fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const state = await response.json();
  bar.max = state.total_rows;
  bar.value = state.processed_rows;
  text.textContent = `${state.processed_rows.toLocaleString()} / ${state.total_rows.toLocaleString()}`;
  if (state.status !== "importing") {
    window.location.reload();
    return;
  }
  window.setTimeout(poll, 1000);
}

if (box && bar && box.dataset.status === "importing") {
  window.setTimeout(poll, 1000);
}
