// A table that scrolls sideways (on a phone) must be reachable by keyboard and named, as WCAG's
// "scrollable region" rule asks. The table keeps its own role (a table with role="region" is no
// longer a table to a screen reader): it is wrapped in a focusable, named region instead. Tables
// that fit are left alone; tables already inside a region (a template made one) too.
const label = (table) => {
  const caption = table.querySelector("caption");
  if (caption) return caption.textContent.trim();
  return table.getAttribute("aria-label") || document.title;
};

const mark = () => {
  for (const table of document.querySelectorAll("main table")) {
    const parent = table.parentElement;
    if (parent.closest("[role='region']") && !parent.classList.contains("table-region")) continue;
    let region = parent.classList.contains("table-region") ? parent : null;
    if (!region) {
      region = document.createElement("div");
      region.className = "table-region";
      table.before(region);
      region.append(table);
    }
    if (region.scrollWidth > region.clientWidth + 1) {
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
