// Moderation case page: single-key shortcuts that move the focus to a decision button (never press it).
// Ignored while typing in a field or with a modifier key, so nothing is decided by accident.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/") {
      var reason = document.getElementById("id_reason");
      if (reason) { event.preventDefault(); reason.focus(); }
      return;
    }
    var button = document.querySelector('#decision-form button[data-shortcut="' + event.key + '"]');
    if (button) { event.preventDefault(); button.focus(); }
  });
})();
