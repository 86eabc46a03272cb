// newsevents Desk: small progressive enhancements (pages work without it).
(function () {
  "use strict";
  // Article view: show or hide each kind of highlight.
  var text = document.getElementById("text");
  document.querySelectorAll("[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
  // Filter forms: choosing from a list applies it at once; empty fields stay out of the URL.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.querySelectorAll("select").forEach(function (sel) {
      sel.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) { if (!el.value) el.disabled = true; });
    });
  });
  // A quote or event named in the URL (#q-… / #ev-…) is scrolled to the middle of the screen.
  if (location.hash && text) {
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el) el.scrollIntoView({ block: "center" });
  }
})();
