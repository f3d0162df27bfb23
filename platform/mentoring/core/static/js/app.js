// Small behaviours the pages ask for with data attributes; the Content-Security-
// Policy allows scripts from this site only, so no page carries inline handlers.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
