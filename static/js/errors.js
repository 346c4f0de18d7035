// When a form comes back with errors, put a summary at the top of the page that lists each one
// as a link to its field, and move focus to it so screen readers announce it (role="alert").
// Each field's own errors stay tied to it with aria-describedby (templates/_form.html).
const main = document.getElementById("main");
const lists = main ? [...main.querySelectorAll("ul.errors[id$='-errors']")] : [];

if (lists.length && !main.querySelector(".error-summary")) {
  const summary = document.createElement("div");
  summary.className = "error-summary";
  summary.setAttribute("role", "alert");
  summary.setAttribute("tabindex", "-1");
  summary.setAttribute("aria-labelledby", "error-summary-title");
  const title = document.createElement("h2");
  title.id = "error-summary-title";
  title.textContent = main.dataset.errorTitle;
  const items = document.createElement("ul");
  for (const list of lists) {
    const fieldId = list.id.slice(0, -"-errors".length);
    const field = document.getElementById(fieldId);
    const label = field && field.labels && field.labels.length
      ? field.labels[0].textContent.trim()
      : "";
    for (const error of list.querySelectorAll("li")) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${fieldId}`;
      link.textContent = label ? `${label}: ${error.textContent.trim()}` : error.textContent.trim();
      item.append(link);
      items.append(item);
    }
  }
  summary.append(title, items);
  const heading = main.querySelector("h1");
  if (heading) heading.after(summary);
  else main.prepend(summary);
  summary.focus();
}
