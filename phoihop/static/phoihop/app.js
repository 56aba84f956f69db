// phoihop page behaviour. No inline scripts: everything hangs off data- attributes.
(function () {
  "use strict";

  // Formsets: <div data-formset="prefix"> holding rows, a <template data-empty-form>
  // and a button [data-add-row]. New rows take the next index in TOTAL_FORMS.
  function addRow(container) {
    var prefix = container.dataset.formset;
    var total = container.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = container.querySelector("template[data-empty-form]");
    var rows = container.querySelector("[data-rows]");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var wrapper = document.createElement("div");
    wrapper.innerHTML = html.trim();
    var row = wrapper.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var numberInput = row.querySelector("input[name$='-number']");
    if (numberInput && !numberInput.value) {
      numberInput.value = String(rows.querySelectorAll("[data-row]").length);
    }
    syncResponsible();
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  // Content areas may name only the organisations chosen as parties above them.
  function syncResponsible() {
    var partySelects = document.querySelectorAll("select[data-party-org]");
    if (!partySelects.length) { return; }
    var chosen = {};
    partySelects.forEach(function (sel) {
      var row = sel.closest("[data-row]");
      var del = row && row.querySelector("input[name$='-DELETE']");
      if (sel.value && !(del && del.checked)) { chosen[sel.value] = true; }
    });
    document.querySelectorAll("select[data-responsible]").forEach(function (sel) {
      Array.prototype.forEach.call(sel.options, function (opt) {
        var ok = !!chosen[opt.value];
        opt.hidden = !ok;
        opt.disabled = !ok;
        if (!ok) { opt.selected = false; }
      });
    });
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-formset]"));
      return;
    }
    var confirmable = event.target.closest("[data-confirm]");
    if (confirmable && !window.confirm(confirmable.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-party-org], input[name$='-DELETE']")) {
      syncResponsible();
    }
  });

  document.addEventListener("DOMContentLoaded", syncResponsible);
  document.addEventListener("htmx:afterSwap", syncResponsible);
})();
