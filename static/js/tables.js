// A table that scrolls sideways (on a phone) must be reachable by keyboard and named, as WCAG's
// "scrollable region" rule asks. The table keeps its own role (a table with role="region" is no
// longer a table to a screen reader): when it overflows, it is wrapped in a focusable, named
// region instead. Tables that fit are left as they are; tables a template already put in a
// region too.
const label = (table) => {
  const caption = table.querySelector("caption");
  if (caption) return caption.textContent.trim();
  return table.getAttribute("aria-label") || document.title;
};

const overflows = (element) => element.scrollWidth > element.clientWidth + 1;

const mark = () => {
  for (const table of document.querySelectorAll("main table")) {
    const parent = table.parentElement;
    const wrapped = parent.classList.contains("table-region");
    if (!wrapped && parent.closest("[role='region']")) continue;
    const tooWide = overflows(table) || table.offsetWidth > parent.clientWidth + 1;
    if (!wrapped && !tooWide) continue;
    let region = parent;
    if (!wrapped) {
      region = document.createElement("div");
      region.className = "table-region";
      table.before(region);
      region.append(table);
    }
    if (overflows(region)) {
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", label(table));
    } else {
      region.removeAttribute("tabindex");
      region.removeAttribute("role");
      region.removeAttribute("aria-label");
    }
  }
};

mark();
window.addEventListener("resize", mark);
