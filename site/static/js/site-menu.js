/*
 * The menu button on narrow screens. Deferred, so it never holds up the first
 * paint: browsers that report `@media (scripting: enabled)` fold the menu from
 * the first paint by CSS alone; older ones fold it when this sets `js-menu`.
 * Without JavaScript the menu is simply shown; the CSS hides the button and
 * shows the menu on wide screens either way.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js-menu");

  function start() {
    var button = document.querySelector("[data-menu-button]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) {
      return;
    }
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    // Esc closes the open menu and gives focus back to its button (the quick
    // exit still counts the key presses: this listener does not stop them).
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  start();
})();
