// Quantity steps and the amount that follows them (price x quantity) until someone types an amount. Numbers are
// whole here, so every character that is not a digit is a thousands separator; they are written back grouped the
// page's way (350.000 in Indonesian), as the server reads them.
function wholeNumber(text) { return parseInt(String(text).replace(/\D/g, ""), 10); }
var grouped = new Intl.NumberFormat(document.documentElement.lang);
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-step]");
  if (!button) { return; }
  var quantity = button.closest("form").querySelector("[name=quantity]");
  quantity.value = grouped.format(Math.max(1, (wholeNumber(quantity.value) || 1) + parseInt(button.dataset.step, 10)));
  quantity.dispatchEvent(new Event("input", {bubbles: true}));
});
document.addEventListener("input", function (event) {
  var form = event.target.closest("form[data-price]");
  if (!form) { return; }
  var amount = form.querySelector("[name=amount]");
  if (event.target === amount) { amount.dataset.typed = "1"; return; }
  if (event.target.name === "quantity" && !amount.dataset.typed) {
    amount.value = grouped.format(wholeNumber(form.dataset.price) * Math.max(1, wholeNumber(event.target.value) || 1));
  }
});
