// Copy the calendar feed link: a button with data-copy="<selector of the input>" and, in
// data-copied, the word it shows once copied. The word stays: the link is on the clipboard
// until something else is copied, and a label that reverted after a moment could be missed.
(function () {
  "use strict";

  function copied(button) {
    if (!button.dataset.copied) return;
    button.textContent = button.dataset.copied;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.dataset.copy);
    if (!input) return;
    input.select();
    // The selection is copied within the click itself, which needs neither a secure context
    // nor a focused window; the asynchronous clipboard is the second try.
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    if (done) {
      copied(button);
    } else if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () { copied(button); }, function () {});
    }
  });
})();
