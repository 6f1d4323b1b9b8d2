/*
 * A search box above long checkbox lists (`.choice-list--long`), so that a
 * person can type "Thai" instead of scrolling through a hundred languages.
 * Ticked boxes always stay visible. Without JavaScript the list scrolls.
 */
(function () {
  "use strict";

  function enhance(list, index) {
    var items = Array.prototype.slice.call(list.children);
    var field = document.createElement("div");
    field.className = "choice-filter";
    var input = document.createElement("input");
    input.type = "search";
    input.id = (list.id || "choice-list-" + index) + "-filter";
    input.setAttribute("aria-controls", list.id || "");
    input.autocomplete = "off";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = list.getAttribute("data-filter-label") || "Find";
    field.appendChild(label);
    field.appendChild(input);
    list.parentNode.insertBefore(field, list);

    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase();
      items.forEach(function (item) {
        var box = item.querySelector("input");
        var text = item.textContent.toLocaleLowerCase();
        item.hidden = query !== "" && !(box && box.checked) && text.indexOf(query) === -1;
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".choice-list--long"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
