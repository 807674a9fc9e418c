// A publication list works without a script (<details>); this one adds what needs one: years opened by a
// link, and the copy-BibTeX buttons.
(() => {
  "use strict";

  // Older years of a long list come collapsed (details.homepage-pubs__year). A link to an entry or to a year
  // among them opens that year: Chromium opens a <details> a link points into by itself, other browsers do
  // not, and none does for the heading in its summary.
  const openLinkedYear = () => {
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // Not percent-encoded: the id as written.
    }
    const target = id ? document.getElementById(id) : null;
    const year = target?.closest("details.homepage-pubs__year:not([open])");
    if (!year) return;
    year.open = true;
    target.scrollIntoView();
  };
  window.addEventListener("hashchange", openLinkedYear);
  openLinkedYear();
  // A printed list is the whole list.
  window.addEventListener("beforeprint", () => {
    for (const year of document.querySelectorAll("details.homepage-pubs__year")) year.open = true;
  });

  // Copy-BibTeX buttons are rendered hidden and shown here, only where the Clipboard API exists (HTTPS,
  // localhost). Each is set up when its BibTeX is first opened, so a list of a thousand entries costs no work
  // per entry while the page loads.
  if (!navigator.clipboard) return;
  const setUp = (button) => {
    const status = document.createElement("span");
    status.className = "homepage-visually-hidden";
    status.setAttribute("role", "status");
    button.after(status);
    button.hidden = false;
    button.addEventListener("click", async () => {
      const code = button.closest("details")?.querySelector("pre");
      if (!code) return;
      try {
        await navigator.clipboard.writeText(code.textContent.trim() + "\n");
        button.textContent = status.textContent = "Copied";
      } catch {
        button.textContent = status.textContent = "Copy failed";
      }
      setTimeout(() => {
        button.textContent = "Copy";
        status.textContent = "";
      }, 2000);
    });
  };
  const setUpOpened = (details) => {
    // Only its own buttons: an opened year holds the closed BibTeX of each of its entries.
    for (const button of details.querySelectorAll("button.homepage-pub__copy[hidden]")) {
      if (button.closest("details") === details) setUp(button);
    }
  };
  // "toggle" does not bubble: caught on its way down.
  document.addEventListener(
    "toggle",
    (event) => {
      if (event.target instanceof HTMLDetailsElement && event.target.open) setUpOpened(event.target);
    },
    true,
  );
  // Opened before this script ran (deferred, it runs once the page is parsed).
  for (const details of document.querySelectorAll("details[open]")) setUpOpened(details);
})();
