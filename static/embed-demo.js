// Sizes each ecplay iframe of the page to the height it reports. Only messages from one
// of the page's own iframes are taken, and only a finite, positive height.
window.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "ecplay:height" || !Number.isFinite(data.height) || data.height <= 0) return;
  for (const frame of document.querySelectorAll("iframe")) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.ceil(data.height)}px`;
      frame.dataset.reportedHeight = String(Math.ceil(data.height));
    }
  }
});
