// Copy-BibTeX buttons: everything else in a publication list works without a script (<details>).
// The buttons are rendered hidden and shown here, only where the Clipboard API exists (HTTPS, localhost).
// Each is set up when its BibTeX is first opened, so a list of a thousand entries costs no work per entry
// while the page loads.
(() => {
  "use strict";
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
    for (const button of details.querySelectorAll("button.homepage-pub__copy[hidden]")) setUp(button);
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
