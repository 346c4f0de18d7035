// Filter the check-in list while typing; without JavaScript the search form asks the server.
const input = document.querySelector("input[data-filter]");
if (input) {
  const list = document.querySelector(input.dataset.filter);
  const items = list ? Array.from(list.querySelectorAll("li[data-name]")) : [];
  input.addEventListener("input", () => {
    const query = input.value.trim().toLowerCase();
    for (const item of items) {
      item.hidden = query !== "" && !item.dataset.name.includes(query);
    }
  });
  // typing filters here, so Enter must not reload the page with a server-side filter
  input.form.addEventListener("submit", (event) => event.preventDefault());
}
