// Sizes the page's raw ecplay iframes (`data-demo`) to the height they report, as a docs page
// without the loader would. Only messages from one of those iframes are taken, and only a
// finite, positive height. (The loader, embed.js, sizes the frames it makes itself.)
window.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "ecplay:height" || !Number.isFinite(data.height) || data.height <= 0) return;
  for (const frame of document.querySelectorAll("iframe[data-demo]")) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.ceil(data.height)}px`;
      frame.dataset.reportedHeight = String(Math.ceil(data.height));
    }
  }
});
