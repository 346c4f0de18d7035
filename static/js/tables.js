// A table that scrolls sideways (on a phone) must be reachable by keyboard: give it focus
// and a name, as WCAG's "scrollable region" rule asks. Tables that fit are left alone.
const label = (table) => {
  const caption = table.querySelector("caption");
  return caption ? caption.textContent.trim() : document.title;
};

const mark = () => {
  for (const table of document.querySelectorAll("main table")) {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.setAttribute("tabindex", "0");
      table.setAttribute("role", "region");
      table.setAttribute("aria-label", label(table));
    } else if (table.getAttribute("role") === "region") {
      table.removeAttribute("tabindex");
      table.removeAttribute("role");
      table.removeAttribute("aria-label");
    }
  }
};

mark();
window.addEventListener("resize", mark);
