// Follows a running member import: polls its progress and reloads the page when it ends or
// stalls, so the page shows the outcome (or how to resume) without the user reloading.
const box = document.getElementById("import-status");
const bar = document.getElementById("import-progress");
const text = document.getElementById("import-progress-text");

async function poll() {
  let state;
  try {
    const response = await fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    state = await response.json();
  } catch (error) {
    window.setTimeout(poll, 5000); // the server is away for a moment: ask again later
    return;
  }
  bar.max = state.total_rows;
  bar.value = state.processed_rows;
  text.textContent = `${state.processed_rows.toLocaleString()} / ${state.total_rows.toLocaleString()}`;
  if (state.state !== "importing") {
    window.location.reload();
    return;
  }
  window.setTimeout(poll, 1000);
}

if (box && bar && text && box.dataset.state === "importing") {
  window.setTimeout(poll, 1000);
}
