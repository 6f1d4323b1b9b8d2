/*
 * Quick exit: leave this site at once.
 *
 * The button (click, or Enter on it) opens the neutral site in a new tab and
 * replaces this page with it through location.replace(), so the Back button
 * does not come back here. Esc pressed twice or Shift pressed three times
 * (within a second, with no other key between) replace the page the same way;
 * they do not try a new tab, because browsers do not count those keys as a
 * user gesture and would block the pop-up. The page is hidden first, in case
 * the neutral site is slow to load. one-entry.js keeps the pages read before
 * out of the Back list, so the entry replaced here is the site's only one.
 */
(function () {
  "use strict";

  var WINDOW_MS = 1000;
  var ESC_PRESSES = 2;
  var SHIFT_PRESSES = 3;
  var exiting = false;
  var presses = { key: null, times: [] };

  function neutralUrl() {
    var button = document.querySelector("[data-quick-exit]");
    return (button && (button.getAttribute("data-quick-exit") || button.href)) || "about:blank";
  }

  function quickExit(event, openTab) {
    if (event) {
      event.preventDefault();
    }
    if (exiting) {
      return;
    }
    exiting = true;
    var url = neutralUrl();
    document.documentElement.classList.add("quick-exit-active");
    if (openTab) {
      try {
        window.open(url, "_blank", "noopener,noreferrer");
      } catch (error) {
        // A blocked pop-up must not stop the page from being replaced.
      }
    }
    window.location.replace(url);
  }

  function countPress(key, needed) {
    var now = Date.now();
    if (presses.key !== key) {
      presses = { key: key, times: [] };
    }
    presses.times = presses.times.filter(function (time) {
      return now - time <= WINDOW_MS;
    });
    presses.times.push(now);
    return presses.times.length >= needed;
  }

  document.addEventListener("keydown", function (event) {
    if (event.repeat) {
      return;
    }
    if (event.key === "Escape") {
      if (countPress("Escape", ESC_PRESSES)) {
        quickExit(event, false);
      }
    } else if (event.key === "Shift") {
      if (countPress("Shift", SHIFT_PRESSES)) {
        quickExit(event, false);
      }
    } else {
      // Typing capitals uses Shift: only Shift on its own, repeated, counts.
      presses = { key: null, times: [] };
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-quick-exit]") : null;
    if (target) {
      quickExit(event, true);
    }
  });
})();
