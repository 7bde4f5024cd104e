/* A link to a field or a section ("#id_consulate", "#approvals-group") puts the cursor in it:
   the checklists of the next step link what is missing to where it is filled in. A folded
   section is opened first. Without JavaScript the link still scrolls there. */
(function () {
  "use strict";

  function firstInput(root) {
    return root.querySelector(
      "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"
    );
  }

  function focusable(field) {
    // An autocomplete's <select> is hidden behind select2's box: the box takes the focus.
    if (field && field.classList.contains("select2-hidden-accessible")) {
      var box = field.nextElementSibling && field.nextElementSibling.querySelector(".select2-selection");
      if (box) return box;
    }
    return field;
  }

  function goToTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var open = target.closest("details"); open; open = open.parentElement.closest("details")) {
      open.open = true;
    }
    var inside = target.querySelector("details");
    if (inside) inside.open = true;
    var section = /-heading$/.test(id) ? target.closest("fieldset") : target;
    // A section holding a two-box picker (the sectors) is linked for the picker: its filter.
    var picker = section.querySelector(".selector-available input[type=text]");
    var field = section.matches("input, select, textarea") ? section : picker || firstInput(section);
    field = focusable(field);
    if (field) {
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  }

  window.addEventListener("load", goToTarget);
  window.addEventListener("hashchange", goToTarget);
})();
