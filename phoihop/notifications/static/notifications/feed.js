// Copy the calendar feed link: a button with data-copy="<selector of the input>" and, in
// data-copied, the word shown for a moment once copied.
(function () {
  "use strict";

  function copied(button) {
    if (!button.dataset.copied) return;
    var label = button.textContent;
    button.textContent = button.dataset.copied;
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  function fallback(input, button) {
    input.select();
    if (document.execCommand("copy")) copied(button);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.dataset.copy);
    if (!input) return;
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () { copied(button); },
        function () { fallback(input, button); }
      );
    } else {
      fallback(input, button);
    }
  });
})();
