/* Names for the inputs that the admin's scripts draw after the page has loaded, which the page's
   HTML cannot name itself: select2's boxes (the autocomplete fields) and the sector picker's help
   icons. Each is named after the field's own label, so the words follow the page's language. */
(function () {
  "use strict";

  function labelFor(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      if (!label.id) label.id = select.id + "-label";
      return label.id;
    }
    // A table's cell: its name is the select's aria-label (core/admin/named_inputs.py).
    var name = select.getAttribute("aria-label");
    if (!name || !select.id) return null;
    if (document.getElementById(select.id + "-name")) return select.id + "-name";
    var hidden = document.createElement("span");
    hidden.id = select.id + "-name";
    hidden.hidden = true;
    hidden.textContent = name;
    select.parentNode.insertBefore(hidden, select);
    return hidden.id;
  }

  function nameSelection(selection) {
    var container = selection.closest(".select2");
    var select = container && container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var labelId = labelFor(select);
    if (!labelId) return;
    // The field's name, then what is chosen (select2 labels the box by the choice only).
    var chosen = selection.querySelector(".select2-selection__rendered");
    var ids = [labelId];
    if (chosen && chosen.id && chosen.tagName !== "UL") ids.push(chosen.id);
    selection.setAttribute("aria-labelledby", ids.join(" "));
    selection.dataset.named = "yes";
  }

  function nameSearchBox(field) {
    // The dropdown's search box says which field's results it controls: "select2-<id>-results".
    var controls = (field.getAttribute("aria-controls") || "").match(/^select2-(.+)-results$/);
    var select = controls && document.getElementById(controls[1]);
    var box = field.closest(".select2-selection");
    if (!select && box) select = box.closest(".select2").previousElementSibling;
    if (select && labelFor(select)) field.setAttribute("aria-labelledby", labelFor(select));
  }

  function mend(root) {
    root.querySelectorAll(".select2-selection:not([data-named])").forEach(nameSelection);
    root.querySelectorAll(".select2-search__field:not([aria-labelledby])").forEach(nameSearchBox);
    // An open list is named by the box it belongs to: select2 says aria-owns, a combobox
    // needs aria-controls (and none once the list is gone).
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var owns = box.getAttribute("aria-owns");
      if (owns) box.setAttribute("aria-controls", owns);
      else box.removeAttribute("aria-controls");
    });
    // The chosen item is text inside the box, not a second text field without a name.
    root.querySelectorAll(".select2-selection__rendered[role=textbox]")
      .forEach(function (chosen) { chosen.removeAttribute("role"); chosen.removeAttribute("aria-readonly"); });
    // "Clear all" sits inside the list of chosen items, where only items belong.
    root.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear")
      .forEach(function (clear) { clear.parentNode.parentNode.appendChild(clear); });
    // A help icon named by aria-label must say what it is.
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])")
      .forEach(function (icon) { icon.setAttribute("role", "img"); });
  }

  function start() {
    mend(document);
    new MutationObserver(function () { mend(document); })
      .observe(document.body, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["aria-owns"],
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
