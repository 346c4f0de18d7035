// The organisers' navigation groups: each group is a disclosure button that shows or hides its
// links (WAI-ARIA disclosure pattern). Enter and Space open it (it is a real button), Escape
// closes it and returns focus to its button, leaving the group or clicking elsewhere closes it.
// Without this script every group stays open, so every link is reachable.
const nav = document.querySelector(".main-nav");
const toggles = nav ? [...nav.querySelectorAll(".nav-toggle")] : [];

const menuOf = (toggle) => document.getElementById(toggle.getAttribute("aria-controls"));

const setOpen = (toggle, open) => {
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  menuOf(toggle).hidden = !open;
};

const closeAll = (except) => {
  for (const toggle of toggles) {
    if (toggle !== except) setOpen(toggle, false);
  }
};

if (toggles.length) {
  nav.classList.add("js-nav");
  closeAll();
  for (const toggle of toggles) {
    const group = toggle.closest(".nav-group");
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      closeAll(toggle);
      setOpen(toggle, open);
    });
    group.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(toggle, false);
        toggle.focus();
        event.preventDefault();
      }
    });
    group.addEventListener("focusout", (event) => {
      if (event.relatedTarget && !group.contains(event.relatedTarget)) setOpen(toggle, false);
    });
  }
  document.addEventListener("click", (event) => {
    if (!nav.contains(event.target)) closeAll();
  });
}
