// Small behaviours shared by every page, bound by data attributes rather than inline handlers, so that the
// Content-Security-Policy can forbid inline script.
//   data-confirm="Question?"  on a button or form: asks before submitting
//   data-autosubmit           on a select: submits its form when the choice changes
//   data-remove-form          on a link: removes the form it is in (a "Cancel" that needs no request)
//   data-copy="#id"           on a button: copies the value of that field
//   data-fill="id" data-value on a button: puts the value into that field
//   data-open-wide="id"       on <details>: open from the large-screen breakpoint up
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var asking = event.target.closest("button[data-confirm], input[data-confirm]");
    if (asking && !window.confirm(asking.dataset.confirm)) { event.preventDefault(); return; }
    var remove = event.target.closest("[data-remove-form]");
    if (remove) { event.preventDefault(); remove.closest("form").remove(); return; }
    var copy = event.target.closest("[data-copy]");
    if (copy && navigator.clipboard) { navigator.clipboard.writeText(document.querySelector(copy.dataset.copy).value); return; }
    var fill = event.target.closest("[data-fill]");
    if (fill) {
      var input = document.getElementById(fill.dataset.fill);
      input.value = fill.dataset.value;
      input.dispatchEvent(new Event("input", {bubbles: true}));
      input.focus();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) { event.target.form.submit(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      if (window.matchMedia("(min-width: 992px)").matches) { details.open = true; }
    });
  });
})();
