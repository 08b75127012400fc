// Preset chips (2mg, 5mg, ...) fill their box and keep whatever else was typed. On a page
// that already shows a result or an error they also recalculate at once. Without
// JavaScript each chip is a plain link to the same page with that value set.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest(".presets a") : null;
  if (!link) return;
  var group = link.closest(".presets");
  var box = group && document.getElementById(group.getAttribute("data-for"));
  if (!box || !box.form) return;
  event.preventDefault();
  box.value = link.textContent.trim();
  group.querySelectorAll("a").forEach(function (chip) { chip.removeAttribute("aria-current"); });
  link.setAttribute("aria-current", "true");
  if (document.getElementById("result") || document.querySelector("[role=alert]")) {
    if (box.form.requestSubmit) box.form.requestSubmit(); else box.form.submit();
  }
});
