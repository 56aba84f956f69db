// Autocomplete for long choice lists (phoihop/core/widgets.py AutocompleteSelect).
// The <select> holds the chosen option; the search box asks data-autocomplete (a URL) for
// matches, {"results": [{"id", "text"}], "more"}, and the picked one becomes the <select>'s
// only option beside the empty one. A combobox with a listbox: arrows move, Enter picks,
// Escape closes. Labels are inserted as text, never as HTML.
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.autocompleteReady) { return; }
    root.dataset.autocompleteReady = "1";
    var select = root.querySelector("select");
    var box = root.querySelector("[data-autocomplete-box]");
    var input = root.querySelector("[data-autocomplete-input]");
    var list = root.querySelector("[data-autocomplete-results]");
    var status = root.querySelector("[data-autocomplete-status]");
    if (!select || !box || !input || !list) { return; }
    box.hidden = false;
    var timer = null;
    var controller = null;
    var items = [];
    var active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (li, i) {
        var on = i === active;
        li.setAttribute("aria-selected", on ? "true" : "false");
        li.classList.toggle("active", on);
        if (on) {
          input.setAttribute("aria-activedescendant", li.id);
          li.scrollIntoView({ block: "nearest" });
        }
      });
    }

    function note(text) {
      var li = document.createElement("li");
      li.className = "list-group-item small text-muted";
      li.textContent = text;
      list.appendChild(li);
    }

    function render(data) {
      items = data.results || [];
      list.replaceChildren();
      active = -1;
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "list-group-item list-group-item-action";
        li.dataset.index = String(i);
        li.textContent = item.text;
        list.appendChild(li);
      });
      if (!items.length) { note(root.dataset.emptyText || ""); }
      if (data.more) { note(root.dataset.moreText || ""); }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (status) { status.textContent = items.length ? String(items.length) : (root.dataset.emptyText || ""); }
    }

    function search() {
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var url = root.dataset.autocomplete + "?q=" + encodeURIComponent(input.value.trim());
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", signal: controller.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(render)
        .catch(function () { /* aborted by a newer search, or offline: keep what is shown */ });
    }

    function pick(index) {
      var item = items[index];
      if (!item) { return; }
      var value = String(item.id);
      var existing = Array.prototype.filter.call(select.options, function (option) { return option.value === value; })[0];
      if (select.multiple) {
        // A list of choices: the pick joins the ones already chosen.
        if (existing) { existing.selected = true; } else { select.add(new Option(item.text, value, true, true)); }
      } else {
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if (option.value) { option.remove(); }
        });
        select.add(new Option(item.text, value, true, true));
      }
      input.value = "";
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
      select.focus();
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    // The search box is not a form value: its change must not refilter a list (htmx).
    input.addEventListener("change", function (event) { event.stopPropagation(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { search(); return; }
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!list.hidden && active >= 0) { pick(active); } else { search(); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    list.addEventListener("mousedown", function (event) {
      var li = event.target.closest("[role=option]");
      if (li) {
        event.preventDefault();
        pick(parseInt(li.dataset.index, 10));
      }
    });
  }

  function init(scope) {
    if (scope.matches && scope.matches("[data-autocomplete]")) { setup(scope); }
    scope.querySelectorAll("[data-autocomplete]").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
