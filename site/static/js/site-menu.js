/*
 * The menu button on narrow screens. Loaded in <head> without `defer` so that
 * the class below is set before the header is drawn (no flash of an open menu).
 * Without JavaScript the class is never set and the menu is simply shown; the
 * CSS hides the button and shows the menu on wide screens either way.
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
