// Type-ahead for organisation names: fills an input's <datalist> with a few matching names.
//
// Inputs opt in with data-suggest and list="<datalist id>"; the datalist names the JSON endpoint
// in data-suggest-url. With data-suggest="several" the input holds names separated by commas or
// semicolons: only the part after the last separator is looked up, and each suggestion keeps
// what came before it. Without JavaScript the input is a plain text field; the server matches
// the names on submit.

const DELAY_MS = 200;
const MIN_LENGTH = 2;

function splitTyped(value, several) {
  const cut = several ? Math.max(value.lastIndexOf(","), value.lastIndexOf(";")) : -1;
  const head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
  return { head, term: value.slice(cut + 1).trim() };
}

function fill(list, head, names) {
  const options = names.map((name) => {
    const option = document.createElement("option");
    option.value = head + name;
    return option;
  });
  list.replaceChildren(...options);
}

function attach(input) {
  const list = document.getElementById(input.getAttribute("list"));
  if (!list || !list.dataset.suggestUrl) return;
  const several = input.dataset.suggest === "several";
  let timer = null;
  let latest = 0;

  async function suggest() {
    const { head, term } = splitTyped(input.value, several);
    if (term.length < MIN_LENGTH) return;
    const asked = ++latest;
    const url = new URL(list.dataset.suggestUrl, window.location.href);
    url.searchParams.set("q", term);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      if (asked === latest) fill(list, head, data.names || []);
    } catch (error) {
      // offline for a moment: typing on asks again
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, DELAY_MS);
  });
}

for (const input of document.querySelectorAll("input[data-suggest]")) {
  attach(input);
}
