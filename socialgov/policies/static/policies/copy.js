// "Copy" buttons: copy the text of the element named by data-copy-target (DCFS-06 disclaimer).
// Without JavaScript the text stays selectable in its read-only box.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-target]");
  if (!button) { return; }
  var source = document.getElementById(button.getAttribute("data-copy-target"));
  var status = button.parentElement.querySelector(".sg-copy-status");
  var done = function () { if (status) { status.textContent = "The disclaimer is copied."; } };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.value).then(done, function () { source.select(); });
  } else {
    source.select();
    document.execCommand("copy");
    done();
  }
});
