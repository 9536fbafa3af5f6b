// Small behaviours shared by every page, bound by data attributes rather than inline handlers, so that the
// Content-Security-Policy can forbid inline script.
//   data-confirm="Question?"  on a button or form: asks before submitting
//   data-autosubmit           on a select: submits its form when the choice changes
//   data-remove-form          on a link: removes the form it is in (a "Cancel" that needs no request)
//   data-copy="#id"           on a button: copies the value of that field
//   data-fill="id" data-value on a button: puts the value into that field
//   data-open-wide="id"       on <details>: open from the large-screen breakpoint up
//   data-progress-url="URL"   on a box with [data-progress-bar] and [data-progress-label]: asks URL every few
//                             seconds how far a background task has got ({percent, label, finished, url}) and
//                             opens url once it has finished
//   data-search-url="URL"     on a box with an input[type=search] and a select: typing asks URL?q=... for the
//                             records that match ({results: [{id, text}], more}) and offers them in the select
//                             (data-none / data-more: what to say when none or too many match); a multiple
//                             select keeps its chosen options and adds the matches
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
    var chooser = event.target.closest("[data-search-url]");
    // a choice made by hand replaces the text typed, which the server would otherwise search again
    if (chooser && !chooser.offering && event.target.matches("select")) { chooser.querySelector("input[type=search]").value = ""; }
  });
  function offerMatches(box, input) {
    var select = box.querySelector("select");
    var text = input.value.trim();
    var url = box.dataset.searchUrl;
    if (!text) { return; }
    fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text),
          {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (answer) {
        if (input.value.trim() !== text) { return; }  // typed on meanwhile: a later answer follows
        // a multiple select keeps what was chosen and offers the matches beside it
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if ((option.value || option.disabled) && !(select.multiple && option.selected)) { option.remove(); }
        });
        var offered = Array.prototype.map.call(select.options, function (option) { return option.value; });
        answer.results.forEach(function (found) {
          if (offered.indexOf(String(found.id)) < 0) { select.add(new Option(found.text, found.id)); }
        });
        var note = !answer.results.length ? box.dataset.none : (answer.more ? box.dataset.more : "");
        if (note) { var hint = new Option(note, ""); hint.disabled = true; select.add(hint); }
        if (answer.results.length === 1 && !select.multiple) {
          select.value = String(answer.results[0].id);
          box.offering = true;  // chosen for the reader, who may go on typing: keep their text
          select.dispatchEvent(new Event("change", {bubbles: true}));
          box.offering = false;
        }
      })
      .catch(function () {});
  }
  var searchTimer = null;
  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-search-url]");
    if (!box || !event.target.matches("input[type=search]")) { return; }
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () { offerMatches(box, event.target); }, 250);
  });
  function followProgress(box) {
    var bar = box.querySelector("[data-progress-bar]");
    var label = box.querySelector("[data-progress-label]");
    function ask() {
      fetch(box.dataset.progressUrl, {headers: {Accept: "application/json"}, credentials: "same-origin", cache: "no-store"})
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (state) {
          if (state.finished) { window.location.replace(state.url); return; }
          bar.setAttribute("aria-valuenow", state.percent);
          bar.firstElementChild.style.width = state.percent + "%";
          bar.firstElementChild.textContent = state.percent + "%";
          label.textContent = state.label;
          window.setTimeout(ask, 1500);
        })
        .catch(function () { window.setTimeout(ask, 5000); });
    }
    window.setTimeout(ask, 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      if (window.matchMedia("(min-width: 992px)").matches) { details.open = true; }
    });
    document.querySelectorAll("[data-progress-url]").forEach(followProgress);
  });
})();
