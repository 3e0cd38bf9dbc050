// ecplay's embed loader for docs pages (README, "Embedding it in a docs page"): every
// <div data-ecplay data-sample="distroless-app" data-show="composer,verdict,export"></div>
// becomes an iframe of the playground beside this script, as tall as the embed reports.
// Each data-* attribute is an embed option (unknown ones reach the embed, which says so);
// data-src is a whole embed address (`ecplay share --embed`), data-title the frame's title.
// Heights are taken only from this script's origin and from the frame they size.
(() => {
  const script = document.currentScript;
  const base = new URL("..", script ? script.src : location.href);
  const frames = [];
  const scan = (root = document) => {
    for (const el of root.querySelectorAll("[data-ecplay]:not([data-ecplay-done])")) {
      el.setAttribute("data-ecplay-done", "");
      const f = document.createElement("iframe");
      const q = new URLSearchParams({ embed: "1" });
      let src = "";
      for (const [k, v] of Object.entries(el.dataset)) {
        if (k === "src") src = v;
        else if (k !== "ecplay" && k !== "ecplayDone" && k !== "title") q.set(k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()), v);
      }
      f.src = src ? new URL(src, base).href : base.href + "?" + q;
      f.title = el.dataset.title || "ecplay: the ephemeral container playground";
      f.loading = "lazy";
      f.style.cssText = "display:block;width:100%;height:32rem;border:0";
      el.replaceChildren(f);
      frames.push(f);
    }
  };
  addEventListener("message", (e) => {
    const f = frames.find((x) => x.contentWindow === e.source);
    const h = e.data && e.data.type === "ecplay:height" && e.data.height;
    if (f && e.origin === new URL(f.src).origin && Number.isFinite(h) && h > 0 && h < 1e5) {
      f.style.height = Math.ceil(h) + "px";
    }
  });
  window.ecplay = { scan };
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", () => scan());
  else scan();
})();
