// The theme's controls that this site's pages have, in place of pydata-sphinx-theme's two scripts
// (bootstrap.js and pydata-sphinx-theme.js, 30 KB compressed, most of it for features no page here shows):
// the colour-mode menu, dropdown menus, tooltips, the search dialog and its Ctrl+K, the phone menu drawer,
// the back-to-top button, and tab stops on boxes that scroll sideways. Each works as the theme's does, with
// the same classes and attributes, so the theme's stylesheet draws it the same. Pages that need more of the
// theme (a post's "on this page" sidebar) load the theme's scripts instead (templates/layout.html).
(() => {
  "use strict";
  // A site whose own layout template writes the theme's scripts anyway: theirs do it all (both would
  // toggle each menu, once open and once closed).
  if (document.querySelector('script[src*="scripts/bootstrap.js"]')) return;
  const root = document.documentElement;
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  const MODES = ["auto", "light", "dark"];
  // Bootstrap's distances: between a toggle and its menu, between an element and its tooltip (the arrow's).
  const MENU_GAP = 2;
  const TOOLTIP_GAP = 6;

  // -- Colour mode: "auto" follows the system; the choice is kept for the other pages and visits.
  const followSystem = () => {
    root.dataset.theme = prefersDark.matches ? "dark" : "light";
  };
  const setMode = (mode) => {
    if (!MODES.includes(mode)) mode = "auto";
    const theme = mode === "auto" ? (prefersDark.matches ? "dark" : "light") : mode;
    root.dataset.mode = mode;
    root.dataset.theme = theme;
    for (const menu of document.querySelectorAll(".dropdown-menu")) {
      menu.classList.toggle("dropdown-menu-dark", theme === "dark");
    }
    for (const button of document.querySelectorAll(".theme-change-button")) {
      button.classList.toggle("active", button.dataset.mode === mode);
    }
    localStorage.setItem("mode", mode);
    localStorage.setItem("theme", theme);
    prefersDark.onchange = mode === "auto" ? followSystem : null;
  };

  // -- Dialogs (search, phone menu): a click on the backdrop closes them.
  const closeOnBackdropClick = ({ currentTarget: dialog, clientX: x, clientY: y }) => {
    if (!dialog.open) return;
    const box = dialog.getBoundingClientRect();
    if (x < box.left || box.right < x || y < box.top || box.bottom < y) dialog.close();
  };

  // -- Dropdown menus: the toggle opens the menu below it; a click elsewhere, Escape or Tab out closes it.
  const openMenus = new Set();
  const menuOf = (toggle) => toggle.parentElement.querySelector(".dropdown-menu");
  const menuItems = (menu) =>
    [...menu.querySelectorAll(".dropdown-item:not(.disabled):not(:disabled)")].filter((item) => item.getClientRects().length);
  const tooltips = new Map(); // element -> its tooltip's controls; a menu's container hides its tooltip while open
  // A length as Popper (Bootstrap's positioning) writes it: whole device pixels.
  const devicePixels = (length) => Math.round(length * window.devicePixelRatio) / window.devicePixelRatio;
  // Outside a navbar (the phone menu's drawer), the menu is placed as Popper places it: below its toggle, its
  // right edge at the toggle's ("dropdown-menu-end"), or its left edge when that would leave the drawer.
  const placeMenu = (toggle, menu) => {
    const container = menu.offsetParent || menu.parentElement;
    menu.style.cssText = "position: absolute; inset: 0px auto auto 0px; margin: 0px; transform: translate(0px, 0px);";
    const box = toggle.getBoundingClientRect();
    const around = container.getBoundingClientRect();
    const edge = toggle.closest("dialog")?.getBoundingClientRect().left ?? 0;
    let end = menu.classList.contains("dropdown-menu-end");
    if (end && box.right - menu.offsetWidth < edge) end = false;
    const x = end ? box.right - around.left - menu.offsetWidth : box.left - around.left;
    const y = box.bottom - around.top + MENU_GAP;
    menu.style.transform = `translate(${devicePixels(x)}px, ${devicePixels(y)}px)`;
    menu.setAttribute("data-popper-placement", end ? "bottom-end" : "bottom-start");
  };
  const showMenu = (toggle) => {
    const menu = menuOf(toggle);
    if (!menu || openMenus.has(toggle)) return;
    toggle.focus();
    toggle.setAttribute("aria-expanded", "true");
    menu.classList.add("show");
    toggle.classList.add("show");
    // In a navbar, Bootstrap's "static" placement: right below the toggle (top: 100%), by the stylesheet.
    if (toggle.closest(".navbar")) menu.setAttribute("data-bs-popper", "static");
    else placeMenu(toggle, menu);
    openMenus.add(toggle);
    tooltips.get(toggle.closest("[data-bs-toggle=tooltip]"))?.suspend(true);
  };
  const hideMenu = (toggle) => {
    const menu = menuOf(toggle);
    if (!menu || !openMenus.has(toggle)) return;
    menu.classList.remove("show");
    toggle.classList.remove("show");
    toggle.setAttribute("aria-expanded", "false");
    menu.removeAttribute("data-bs-popper");
    menu.removeAttribute("data-popper-placement");
    menu.removeAttribute("style");
    openMenus.delete(toggle);
    tooltips.get(toggle.closest("[data-bs-toggle=tooltip]"))?.suspend(false);
  };
  const setUpMenus = () => {
    for (const toggle of document.querySelectorAll("[data-bs-toggle=dropdown]")) {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        openMenus.has(toggle) ? hideMenu(toggle) : showMenu(toggle);
      });
    }
    const closeOthers = (event) => {
      for (const toggle of [...openMenus]) {
        const menu = menuOf(toggle);
        const path = event.composedPath();
        if (path.includes(toggle)) continue;
        if (event.type === "keyup" && menu.contains(event.target)) continue;
        hideMenu(toggle);
      }
    };
    document.addEventListener("click", closeOthers);
    document.addEventListener("keyup", (event) => event.key === "Tab" && closeOthers(event));
    document.addEventListener("keydown", (event) => {
      if (!["ArrowUp", "ArrowDown", "Escape"].includes(event.key)) return;
      const toggle = event.target.closest("[data-bs-toggle=dropdown]") ||
        [...openMenus].find((open) => menuOf(open).contains(event.target));
      if (!toggle || /input|textarea/i.test(event.target.tagName)) return;
      event.preventDefault();
      if (event.key === "Escape") {
        if (openMenus.has(toggle)) {
          hideMenu(toggle);
          toggle.focus();
        }
        return;
      }
      event.stopPropagation();
      showMenu(toggle);
      const items = menuItems(menuOf(toggle));
      if (!items.length) return;
      const at = items.indexOf(event.target);
      const down = event.key === "ArrowDown";
      const next = at < 0 ? (down ? 0 : items.length - 1) : Math.min(Math.max(at + (down ? 1 : -1), 0), items.length - 1);
      items[next].focus();
    });
  };

  // -- Tooltips: the element's title, shown below it after a short hover or on focus, as Bootstrap draws them.
  let tooltipCount = 0;
  const setUpTooltip = (element) => {
    const title = element.getAttribute("title");
    if (!title) return;
    if (!element.hasAttribute("aria-label") && !element.textContent.trim()) element.setAttribute("aria-label", title);
    element.setAttribute("data-bs-original-title", title);
    element.removeAttribute("title"); // no second, native tooltip
    let tip = null;
    let timer = 0;
    let suspended = false;
    // Below the element, centred on it and kept on the screen, its arrow pointing at the element's middle.
    const place = () => {
      tip.style.cssText = "position: absolute; inset: 0px auto auto 0px; margin: 0px; transform: translate(0px, 0px);";
      const box = element.getBoundingClientRect();
      const width = tip.offsetWidth;
      const arrow = tip.querySelector(".tooltip-arrow");
      const middle = box.left + box.width / 2;
      const left = Math.min(Math.max(middle - width / 2, 0), root.clientWidth - width);
      const x = devicePixels(left + window.scrollX);
      const y = devicePixels(box.bottom + window.scrollY + TOOLTIP_GAP);
      tip.style.transform = `translate(${x}px, ${y}px)`;
      arrow.style.cssText = `position: absolute; left: 0px; transform: translate(${devicePixels(middle - left - arrow.offsetWidth / 2)}px, 0px);`;
    };
    const show = () => {
      if (suspended || tip) return;
      tip = document.createElement("div");
      tip.className = "tooltip bs-tooltip-auto fade";
      tip.setAttribute("role", "tooltip");
      tip.id = `tooltip${++tooltipCount}`;
      tip.setAttribute("data-popper-placement", "bottom");
      tip.innerHTML = '<div class="tooltip-arrow"></div><div class="tooltip-inner"></div>';
      tip.lastChild.textContent = title;
      element.setAttribute("aria-describedby", tip.id);
      document.body.append(tip);
      place();
      tip.classList.add("show");
    };
    const hide = () => {
      if (!tip) return;
      tip.remove();
      tip = null;
      element.removeAttribute("aria-describedby");
    };
    const later = (action, delay) => () => {
      clearTimeout(timer);
      timer = setTimeout(action, delay);
    };
    element.addEventListener("mouseenter", later(show, 500));
    element.addEventListener("focusin", later(show, 500));
    element.addEventListener("mouseleave", later(hide, 100));
    element.addEventListener("focusout", later(hide, 100));
    tooltips.set(element, {
      suspend: (on) => {
        suspended = on;
        clearTimeout(timer);
        if (on) hide();
      },
    });
  };

  // -- Search: the navbar's button and Ctrl+K (Cmd+K on a Mac) open the search dialog; Escape closes it.
  const onMac = navigator.platform.startsWith("Mac") || navigator.platform === "iPhone";
  const searchInput = () => {
    const forms = document.querySelectorAll("form.bd-search");
    if (!forms.length) return null;
    const form = forms.length === 1 ? forms[0] : document.querySelector(":not(#pst-search-dialog) > form.bd-search");
    return form.querySelector("input");
  };
  const toggleSearch = () => {
    const dialog = document.getElementById("pst-search-dialog");
    const input = searchInput();
    if (!dialog || !input) return;
    if (input === dialog.querySelector("input")) {
      dialog.open ? dialog.close() : dialog.showModal();
    } else if (document.activeElement === input) {
      input.blur();
    } else {
      input.focus();
      input.select();
      input.scrollIntoView({ block: "center" });
    }
  };
  const setUpSearch = () => {
    if (onMac) {
      for (const key of document.querySelectorAll(".search-button__kbd-shortcut kbd.kbd-shortcut__modifier")) {
        if (key.textContent === "Ctrl") key.textContent = "⌘";
      }
    }
    window.addEventListener(
      "keydown",
      (event) => {
        const modifier = onMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
        if (modifier && !event.shiftKey && !event.altKey && /^k$/i.test(event.key)) {
          event.preventDefault();
          toggleSearch();
        } else if (/Escape/i.test(event.key) && document.activeElement === searchInput()) {
          toggleSearch();
        }
      },
      true,
    );
    for (const button of document.querySelectorAll(".search-button__button")) button.onclick = toggleSearch;
    document.getElementById("pst-search-dialog")?.addEventListener("click", closeOnBackdropClick);
  };

  // -- The phone menu: the sidebar's content moves into a modal drawer while it is open.
  const move = (from, to) => {
    to.append(...from.childNodes);
    for (const name of [...from.classList]) {
      from.classList.remove(name);
      to.classList.add(name);
    }
  };
  const setUpDrawer = (toggle, dialog, sidebar) => {
    if (!toggle || !dialog || !sidebar) return;
    const animations = () => dialog.getAnimations({ subtree: true }).filter((animation) => animation.effect?.target === dialog);
    toggle.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      move(sidebar, dialog);
      dialog.showModal();
      toggle.setAttribute("aria-expanded", "true");
      dialog.focus();
    });
    dialog.addEventListener("click", closeOnBackdropClick);
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      dialog.close();
    });
    // Widened past the phone layout while open: the toggle is hidden, so close the drawer at once.
    new ResizeObserver(() => {
      if (dialog.open && getComputedStyle(toggle).display === "none") {
        dialog.close();
        animations().forEach((animation) => animation.cancel());
      }
    }).observe(toggle);
    dialog.addEventListener("close", async () => {
      toggle.setAttribute("aria-expanded", "false");
      await Promise.allSettled(animations().map((animation) => animation.finished));
      if (!dialog.open) move(dialog, sidebar);
    });
  };

  // -- Back to top: shown to a reader who, below the navbar, scrolls back up.
  const setUpBackToTop = () => {
    const button = document.getElementById("pst-back-to-top");
    const header = document.querySelector(".bd-header");
    if (!button || !header) return;
    button.addEventListener("click", () => {
      document.body.scrollTop = 0;
      root.scrollTop = 0;
    });
    // Nothing is measured here: reading the navbar's box or the scroll position now would make the browser
    // lay out the whole page while it loads, inside this script's task. The navbar's bottom is read at the
    // first scroll (it is sticky: the same reading as at load), and the page is taken to start at the top
    // (one opened at an anchor shows the button from the second scroll event of a move up, not the first).
    let headerBottom = null;
    let last = 0;
    window.addEventListener("scroll", () => {
      headerBottom ??= header.getBoundingClientRect().bottom;
      button.style.display = last > window.scrollY && window.scrollY > headerBottom ? "block" : "none";
      last = window.scrollY;
    });
  };

  // -- Boxes that scroll sideways (code, wide tables) can be reached with Tab; the others cannot. Every size
  // is read before any tab stop is written: a write between two reads would make the browser lay the page
  // out again for each box (a thousand BibTeX blocks on a long publication list). A box in a closed
  // <details> (a paper's BibTeX) is not drawn, so it cannot scroll: it is not measured, which on a list of
  // papers leaves nothing to measure, and no layout to force while the page loads; opening it measures again.
  const SCROLLABLE = "pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, .pst-scrollable-table-container";
  const CLOSED = "details:not([open]) > :not(summary)";
  const scrolls = (box) =>
    !box.closest(CLOSED) && (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight);
  const updateTabStops = () => {
    const boxes = [...document.querySelectorAll(SCROLLABLE)];
    const stops = boxes.map((box) => (scrolls(box) ? 0 : -1));
    boxes.forEach((box, at) => {
      if (box.tabIndex !== stops[at]) box.tabIndex = stops[at];
    });
  };
  const setUpTabStops = () => {
    let timer = 0;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(updateTabStops, 300);
    };
    window.addEventListener("resize", soon);
    // A <details> opened (a paper's BibTeX) shows boxes that had no size before.
    document.addEventListener("toggle", soon, true);
    const main = document.getElementById("main-content");
    if (main) new MutationObserver(soon).observe(main, { subtree: true, childList: true });
    updateTabStops();
  };

  const setUp = () => {
    setMode(root.dataset.mode);
    for (const button of document.querySelectorAll(".theme-change-button")) {
      button.addEventListener("click", () => setMode(button.dataset.mode));
    }
    for (const element of document.querySelectorAll("[data-bs-toggle=tooltip]")) setUpTooltip(element);
    setUpMenus();
    setUpSearch();
    setUpDrawer(
      document.querySelector(".primary-toggle"),
      document.getElementById("pst-primary-sidebar-modal"),
      document.getElementById("pst-primary-sidebar"),
    );
    setUpBackToTop();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  // Whether a box scrolls depends on the stylesheets and fonts: measured once everything has loaded.
  if (document.readyState === "complete") setUpTabStops();
  else window.addEventListener("load", setUpTabStops);
})();
