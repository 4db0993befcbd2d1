import { describe, expect, it } from "vitest";
import { escapeXml, formatRatio, ratioChartSvg } from "../../bench/svg-chart.mjs";

const chart = {
  title: "ratios <&> \"quoted\"",
  series: ["compiled", "peer & co"],
  groups: [
    { label: "sumsq 1,000 × 3", bars: [{ series: "peer & co", ratio: 0.5 }, { series: "compiled", ratio: 2 }] },
    { label: "select", bars: [{ series: "compiled", ratio: 1000 }] },
  ],
};

/** Every start, end and self-closing tag, checked to nest properly; returns the start tags with their attributes. */
function parseTags(svg: string): { name: string; attributes: Record<string, string> }[] {
  const open: string[] = [];
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  for (const [, closing, name, rest, selfClosing] of svg.matchAll(/<(\/?)([a-z]+)([^>]*?)(\/?)>/g)) {
    if (closing) {
      expect(open.pop()).toBe(name);
      continue;
    }
    const attributes = Object.fromEntries([...rest.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    tags.push({ name, attributes });
    if (!selfClosing) open.push(name);
  }
  expect(open).toEqual([]);
  // Outside tags, no raw markup characters: the text is escaped.
  expect(svg.replace(/<[^>]*>/g, "")).not.toMatch(/[<>"]|&(?!amp;|lt;|gt;|quot;)/);
  return tags;
}

describe("ratioChartSvg", () => {
  it("is well-formed SVG with the labels escaped", () => {
    const svg = ratioChartSvg(chart);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    parseTags(svg);
    expect(svg).toContain("ratios &lt;&amp;&gt; &quot;quoted&quot;");
    expect(svg).toContain("peer &amp; co");
  });

  it("draws each bar from 1 to its ratio on a log scale, so 0.5× and 2× are equally long", () => {
    const bars = parseTags(ratioChartSvg(chart)).filter((tag) => tag.name === "rect" && tag.attributes.y !== undefined && Number(tag.attributes.height) === 11);
    expect(bars).toHaveLength(3);
    const [compiled, peer, thousand] = bars.map((bar) => ({ x: Number(bar.attributes.x), width: Number(bar.attributes.width), fill: bar.attributes.fill }));
    // The series order puts "compiled" first in its group whatever order the bars came in.
    expect(compiled.x).toBeCloseTo(peer.x + peer.width, 0);
    expect(compiled.width).toBeCloseTo(peer.width, 0);
    // Ten times the ratio is the same length more: 1000× is log10(1000) / log10(2) times as long as 2×.
    expect(thousand.width / compiled.width).toBeCloseTo(Math.log10(1000) / Math.log10(2), 1);
    expect(thousand.x).toBe(compiled.x);
    expect(thousand.fill).toBe(compiled.fill);
    expect(peer.fill).not.toBe(compiled.fill);
  });

  it("labels the axis at every power of ten the ratios reach", () => {
    const svg = ratioChartSvg(chart);
    for (const tick of ["0.1×", "1×", "10×", "100×", "1000×"]) expect(svg).toContain(`class="tick">${tick}<`);
    expect(svg).not.toContain(`class="tick">10000×<`);
  });

  it("refuses a ratio that cannot be drawn, and a series it was not told of", () => {
    expect(() => ratioChartSvg({ ...chart, groups: [{ label: "x", bars: [{ series: "compiled", ratio: 0 }] }] })).toThrow(RangeError);
    expect(() => ratioChartSvg({ ...chart, groups: [{ label: "x", bars: [{ series: "compiled", ratio: Number.NaN }] }] })).toThrow(RangeError);
    expect(() => ratioChartSvg({ ...chart, groups: [{ label: "x", bars: [{ series: "other", ratio: 1 }] }] })).toThrow(/not one of the series/);
  });
});

describe("formatRatio and escapeXml", () => {
  it("print ratios with sensible precision and escape markup", () => {
    expect([formatRatio(1869.4), formatRatio(1.194), formatRatio(0.0412)]).toEqual(["1869×", "1.19×", "0.041×"]);
    expect(escapeXml('a<b & "c">')).toBe("a&lt;b &amp; &quot;c&quot;&gt;");
  });
});
