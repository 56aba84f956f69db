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
    buildPickers(row);
    buildDatepickers(row);
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
    document.querySelectorAll("[data-picker]").forEach(syncPicker);
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-formset]"));
      return;
    }
    var confirmable = event.target.closest("[data-confirm]");
    if (confirmable && !confirmable.dataset.confirmed) {
      event.preventDefault();
      askConfirmation(confirmable);
    } else if (confirmable) {
      delete confirmable.dataset.confirmed;
    }
  });

  // Confirmation in the page's own dialog (the <template id="confirm-dialog"> of base.html),
  // not the browser's confirm(), which speaks the browser's language. Confirming clicks the
  // button again, so its name and value are submitted as before.
  var dialog = null;
  function askConfirmation(button) {
    var template = document.getElementById("confirm-dialog");
    if (!template || !window.bootstrap) {
      // No dialog to show (a page without the base layout): the button does its work.
      button.dataset.confirmed = "1";
      button.click();
      return;
    }
    if (!dialog) {
      dialog = template.content.firstElementChild.cloneNode(true);
      document.body.appendChild(dialog);
    }
    dialog.querySelector("[data-confirm-text]").textContent = button.dataset.confirm;
    var ok = dialog.querySelector("[data-confirm-ok]");
    var modal = window.bootstrap.Modal.getOrCreateInstance(dialog);
    var fresh = ok.cloneNode(true);  // drops the listener of an earlier question
    ok.replaceWith(fresh);
    fresh.addEventListener("click", function () {
      modal.hide();
      button.dataset.confirmed = "1";
      button.click();
    });
    dialog.addEventListener("shown.bs.modal", function () { fresh.focus(); }, { once: true });
    modal.show();
  }

  // The server checks every form and answers in Vietnamese: no browser validation bubbles.
  function noBubbles(scope) {
    scope.querySelectorAll("form").forEach(function (form) { form.noValidate = true; });
  }

  // A <select multiple> becomes check boxes with a filter box: no Ctrl-click, usable on phones.
  // The <select> stays the form's value (hidden); options hidden or disabled by other scripts
  // (content areas' responsible parties) are hidden here too.
  function buildPicker(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "1";
    // In an autocomplete the search box finds more records; the boxes are the chosen ones.
    var searchable = !select.closest("[data-autocomplete]");
    var picker = document.createElement("div");
    picker.className = "picker" + (select.classList.contains("is-invalid") ? " is-invalid" : "");
    picker.dataset.picker = select.name;
    picker._select = select;
    var visible = Array.prototype.filter.call(select.options, function (o) { return o.value && !o.hidden; });
    if (searchable && visible.length > 8) {
      var search = document.createElement("input");
      search.type = "search";
      search.className = "form-control form-control-sm picker-search";
      search.placeholder = select.dataset.filterText || document.documentElement.dataset.filterText || "";
      search.setAttribute("aria-label", search.placeholder);
      search.addEventListener("input", function () { filterPicker(picker, search.value); });
      // The filter is not a form value: it must not refilter a list (htmx) or submit the form.
      search.addEventListener("change", function (event) { event.stopPropagation(); });
      search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
      picker.appendChild(search);
    }
    var list = document.createElement("div");
    list.className = "picker-options";
    list.setAttribute("role", "group");
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    if (label) {
      if (!label.id) { label.id = select.id + "-label"; }
      list.setAttribute("aria-labelledby", label.id);
    }
    picker.appendChild(list);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.insertAdjacentElement("afterend", picker);
    fillPicker(picker);
    // An autocomplete pick adds an option: give it its box.
    select.addEventListener("change", function () {
      if (list.children.length !== select.querySelectorAll("option:not([value=''])").length) { fillPicker(picker); }
    });
  }

  function fillPicker(picker) {
    var select = picker._select;
    var list = picker.querySelector(".picker-options");
    list.replaceChildren();
    Array.prototype.forEach.call(select.options, function (option, i) {
      if (!option.value) { return; }
      var row = document.createElement("div");
      row.className = "form-check";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.className = "form-check-input";
      box.id = (select.id || select.name) + "-" + i;
      box.value = option.value;
      box.addEventListener("change", function () {
        option.selected = box.checked;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      var text = document.createElement("label");
      text.className = "form-check-label";
      text.htmlFor = box.id;
      text.textContent = option.textContent;
      row.appendChild(box);
      row.appendChild(text);
      row._option = option;
      list.appendChild(row);
    });
    syncPicker(picker);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function filterPicker(picker, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    picker.querySelectorAll(".picker-options > .form-check").forEach(function (row) {
      var text = fold(row.textContent);
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.classList.toggle("d-none", !match || row._option.hidden);
    });
  }

  function syncPicker(picker) {
    var search = picker.querySelector(".picker-search");
    picker.querySelectorAll(".picker-options > .form-check").forEach(function (row) {
      var box = row.querySelector("input");
      box.checked = row._option.selected;
      box.disabled = row._option.disabled;
    });
    filterPicker(picker, search ? search.value : "");
  }

  function buildPickers(scope) {
    scope.querySelectorAll("select[multiple]").forEach(buildPicker);
    document.querySelectorAll("[data-picker]").forEach(syncPicker);
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-party-org], input[name$='-DELETE']")) {
      syncResponsible();
    }
  });

  // Date fields stay typed fields (15/09/2023, as the server reads them) with a button opening
  // a month grid; <input type=date> would show the browser's format, not the page's.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function parseVN(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text || "");
    if (!m) { return null; }
    var d = new Date(+m[3], +m[2] - 1, +m[1]);
    return d.getMonth() === +m[2] - 1 ? d : null;
  }
  var openPopup = null;
  function closePopup() {
    if (openPopup) { openPopup.remove(); openPopup = null; }
  }
  function showMonth(popup, input, year, month) {
    var lang = document.documentElement.lang || "vi";
    var texts = document.documentElement.dataset;
    popup.replaceChildren();
    var head = document.createElement("div");
    head.className = "datepicker-head";
    function nav(label, delta, sign) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-sm btn-outline-secondary";
      b.textContent = sign;
      b.setAttribute("aria-label", label || sign);
      b.addEventListener("click", function () {
        var d = new Date(year, month + delta, 1);
        showMonth(popup, input, d.getFullYear(), d.getMonth());
      });
      return b;
    }
    var title = document.createElement("strong");
    title.textContent = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric" }).format(new Date(year, month, 1));
    title.setAttribute("aria-live", "polite");
    head.appendChild(nav(texts.previousMonth, -1, "‹"));
    head.appendChild(title);
    head.appendChild(nav(texts.nextMonth, 1, "›"));
    popup.appendChild(head);
    var table = document.createElement("table");
    var tr = document.createElement("tr");
    var weekday = new Intl.DateTimeFormat(lang, { weekday: "narrow" });
    for (var w = 0; w < 7; w++) {  // weeks start on Monday, as Vietnamese calendars do
      var th = document.createElement("th");
      th.textContent = weekday.format(new Date(2024, 0, 1 + w));
      tr.appendChild(th);
    }
    var thead = document.createElement("thead");
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = document.createElement("tbody");
    var first = new Date(year, month, 1);
    var start = new Date(year, month, 1 - ((first.getDay() + 6) % 7));
    var chosen = parseVN(input.value);
    var today = new Date();
    var full = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" });
    var focusMe = null;
    for (var r = 0; r < 6; r++) {
      var row = document.createElement("tr");
      for (var c = 0; c < 7; c++) {
        var day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + r * 7 + c);
        var td = document.createElement("td");
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = String(day.getDate());
        b.setAttribute("aria-label", full.format(day));
        b.dataset.value = pad(day.getDate()) + "/" + pad(day.getMonth() + 1) + "/" + day.getFullYear();
        if (day.getMonth() !== month) { b.classList.add("is-other"); }
        if (day.toDateString() === today.toDateString()) { b.classList.add("is-today"); }
        if (chosen && day.toDateString() === chosen.toDateString()) { b.classList.add("is-chosen"); focusMe = b; }
        td.appendChild(b);
        row.appendChild(td);
      }
      tbody.appendChild(row);
    }
    table.appendChild(tbody);
    popup.appendChild(table);
    return focusMe;
  }
  function openDatepicker(input, button) {
    if (openPopup && openPopup._input === input) { closePopup(); return; }
    closePopup();
    var popup = document.createElement("div");
    popup.className = "datepicker-popup";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", button.getAttribute("aria-label") || "");
    popup._input = input;
    var base = parseVN(input.value) || new Date();
    popup.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-value]");
      if (!b) { return; }
      input.value = b.dataset.value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      closePopup();
      input.focus();
    });
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { closePopup(); button.focus(); }
    });
    document.body.appendChild(popup);
    openPopup = popup;
    var focusMe = showMonth(popup, input, base.getFullYear(), base.getMonth());
    var rect = input.getBoundingClientRect();
    var left = Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - popup.offsetWidth - 8);
    popup.style.left = Math.max(window.scrollX + 4, left) + "px";
    popup.style.top = (rect.bottom + window.scrollY + 4) + "px";
    (focusMe || popup.querySelector("button[data-value]:not(.is-other)")).focus();
  }
  function buildDatepickers(scope) {
    scope.querySelectorAll("input[data-datepicker]").forEach(function (input) {
      if (input.dataset.datepickerReady) { return; }
      input.dataset.datepickerReady = "1";
      var group = document.createElement("div");
      group.className = "input-group";
      input.parentNode.insertBefore(group, input);
      group.appendChild(input);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.setAttribute("aria-label", input.dataset.datepicker);
      button.title = input.dataset.datepicker;
      button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" fill="currentColor" viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 0a.5.5 0 0 1 .5.5V1h8V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1V.5a.5.5 0 0 1 .5-.5M1 4v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V4z"/></svg>';
      button.addEventListener("click", function () { openDatepicker(input, button); });
      group.appendChild(button);
    });
  }
  document.addEventListener("mousedown", function (event) {
    if (openPopup && !openPopup.contains(event.target) && !event.target.closest(".input-group")) { closePopup(); }
  });

  // File fields in the page's language: the browser's own button and "no file chosen" text
  // speak the browser's language. The input stays (hidden, focusable) and is what is sent.
  function buildFilePickers(scope) {
    var texts = document.documentElement.dataset;
    scope.querySelectorAll("input[type=file]").forEach(function (input) {
      if (input.dataset.filePickerReady || !input.id || !texts.fileChoose) { return; }
      input.dataset.filePickerReady = "1";
      var box = document.createElement("div");
      box.className = "file-picker d-flex flex-wrap align-items-center gap-2";
      input.parentNode.insertBefore(box, input);
      var label = document.createElement("label");
      label.className = "btn btn-outline-secondary" + (input.classList.contains("form-control-sm") ? " btn-sm" : "");
      label.htmlFor = input.id;
      label.textContent = texts.fileChoose;
      var names = document.createElement("span");
      names.className = "small text-muted file-picker-names";
      names.textContent = texts.fileNone || "";
      input.classList.add("visually-hidden");
      box.appendChild(input);
      box.appendChild(label);
      box.appendChild(names);
      input.addEventListener("change", function () {
        var chosen = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
        names.textContent = chosen.length ? chosen.join(", ") : (texts.fileNone || "");
      });
    });
  }

  function ready(scope) {
    noBubbles(scope);
    syncResponsible();
    buildPickers(scope);
    buildDatepickers(scope);
    buildFilePickers(scope);
  }

  // The error summary is read first; its links take the user to the field (or its boxes).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && target.hidden && target.dataset.pickerReady) {
      target = target.nextElementSibling.querySelector("input") || target;
    }
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    ready(document);
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
  document.addEventListener("htmx:afterSwap", function (event) { ready(event.target); });
})();
