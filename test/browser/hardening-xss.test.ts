/**
 * OWASP XSS filter-evasion payloads (script tags, event handlers, javascript:/data: URLs, broken-up
 * tags, entities, SVG) written into release notes (test/fixtures/hardening/notes/), indexed by the real
 * indexer and rendered by <changefind-search>: nothing executes (every payload calls a global trap),
 * no active element is created, and every link is http(s) or relative.
 */
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { sendMouse } from "@web/test-runner-commands";
import { $$, input, options, type ChangefindSearch } from "./helpers.ts";

const INDEXES = {
  MiniSearch: "/test/fixtures/hardening/out/xss/",
  Pagefind: "/test/fixtures/hardening/out/xss-pagefind/",
};
const ran: string[] = [];
const trap = (name: unknown) => void ran.push(String(name));
Object.assign(window, {
  __xss: trap,
  _xss: trap,
  xss: trap,
  alert: trap,
  msgbox: trap,
});

/** Everything under the element's shadow root, nested shadow roots included. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll("*")) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

let INDEX = INDEXES.MiniSearch;

async function mountXss(): Promise<ChangefindSearch> {
  const el = await fixture<ChangefindSearch>(
    html`<changefind-search
      src=${INDEX}
      loading="eager"
      no-url
      page-size="100"
    ></changefind-search>`,
  );
  await waitUntil(
    () => el.shadowRoot?.querySelector("[role=option]"),
    "no results rendered",
    { timeout: 8000 },
  );
  await el.updateComplete;
  return el;
}

async function search(el: ChangefindSearch, query: string): Promise<void> {
  const box = input(el);
  box.value = query;
  box.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  await el.updateComplete;
  await waitUntil(
    () => !el.shadowRoot!.querySelector(".results[aria-busy=true]"),
    "search never settled",
    { timeout: 8000 },
  );
}

/** Hovers and focuses every rendered element, then lets queued loads and handlers run. */
async function poke(el: ChangefindSearch): Promise<void> {
  for (const node of allElements(el.shadowRoot!)) {
    for (const type of [
      "mouseover",
      "mouseenter",
      "focus",
      "toggle",
      "load",
      "error",
      "animationstart",
    ])
      node.dispatchEvent(new Event(type));
  }
  for (const option of options(el).slice(0, 12)) {
    option.scrollIntoView({ block: "center" });
    const r = option.getBoundingClientRect();
    await sendMouse({
      type: "move",
      position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)],
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}

for (const [engine, src] of Object.entries(INDEXES)) {
  describe(`hostile release notes on the ${engine} engine`, function (this: { timeout(ms: number): void }) {
    this.timeout(60_000);
    beforeEach(() => {
      INDEX = src;
    });

    it("should catch a payload in the trap when it is rendered as HTML (control)", async () => {
      const host = document.createElement("div");
      document.body.append(host);
      host.innerHTML = '<img src="data:," onerror="__xss(\'control\')">';
      await waitUntil(() => ran.length > 0, "the trap did not fire");
      host.remove();
      expect(ran.splice(0)).to.deep.equal(["control"]);
    });

    it("should render every payload record without running any of them", async () => {
      const el = await mountXss();
      expect(options(el).length).to.be.greaterThan(8);
      await poke(el);
      expect(ran).to.deep.equal([]);
    });

    it("should run nothing for queries that match the payload text", async () => {
      const el = await mountXss();
      for (const query of [
        "xss",
        "img onerror",
        "javascript",
        "script",
        "svg onload",
        "data text html",
        "<script>",
        '"><img src=x onerror=__xss(1)>',
      ]) {
        await search(el, query);
        await poke(el);
      }
      expect(ran).to.deep.equal([]);
    });

    it("should create no script, image, frame, object, SVG, style or form elements from record content", async () => {
      const el = await mountXss();
      await search(el, "payloads");
      const tags = new Set(
        allElements($$(el, "[role=listbox]")[0]!).map((node) => node.localName),
      );
      for (const tag of [
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "style",
        "form",
        "input",
        "meta",
        "details",
        "body",
      ]) {
        expect(tags.has(tag), tag).to.equal(false);
      }
    });

    it("should put no event-handler attributes on any rendered element", async () => {
      const el = await mountXss();
      const handlers = allElements(el.shadowRoot!).flatMap((node) =>
        [...node.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${node.localName}[${a.name}]`),
      );
      expect(handlers).to.deep.equal([]);
    });

    it("should only render http(s) or relative links", async () => {
      const el = await mountXss();
      const links = allElements(el.shadowRoot!).flatMap((node) =>
        ["href", "src", "action", "formaction", "xlink:href"]
          .map((name) => node.getAttribute(name))
          .filter((v): v is string => v !== null),
      );
      expect(links.length).to.be.greaterThan(0);
      for (const link of links) {
        const url = new URL(link, location.href);
        expect(["http:", "https:"].includes(url.protocol), link).to.equal(true);
      }
    });

    it("should show payload text as text, not markup", async () => {
      const el = await mountXss();
      await search(el, "escaped heading");
      await waitUntil(
        () => options(el).some((o) => o.textContent!.includes("onerror")),
        "the escaped heading is not found",
      );
      const option = options(el).find((o) =>
        o.textContent!.includes("onerror"),
      )!;
      expect(option.querySelector("img")).to.equal(null);
      expect(option.textContent).to.match(/onerror/);
    });
  });
}
