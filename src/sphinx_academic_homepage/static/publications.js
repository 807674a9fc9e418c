// Copy-BibTeX buttons: everything else in a publication list works without a script (<details>).
// The buttons are rendered hidden and shown here, only where the Clipboard API exists (HTTPS, localhost).
(() => {
  "use strict";
  const setUp = () => {
    if (!navigator.clipboard) return;
    for (const button of document.querySelectorAll("button.homepage-pub__copy")) {
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
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
