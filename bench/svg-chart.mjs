// A horizontal bar chart of ratios to the hand-written loop, as plain SVG
// text. The axis is logarithmic and every bar starts at 1 (the loop): a bar
// to the left is faster than the loop, to the right slower, and 0.5× and 2×
// are equally long. One group of bars per workload case, one colour per
// implementation.

const palette = ["#444444", "#1f77b4", "#17becf", "#9edae5", "#aec7e8", "#d62728", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#9467bd", "#c5b0d5", "#8c564b", "#e377c2"];
const layout = { width: 960, labelWidth: 210, valueWidth: 70, barHeight: 11, barGap: 2, groupGap: 16, top: 40, legendRow: 18, axisHeight: 30 };

/**
 * `groups`: [{ label, bars: [{ series, ratio }] }]; `series`: every series name,
 * in legend order (a series a group lacks leaves no gap). Ratios must be
 * positive and finite; a group's bars keep the order of `series`.
 */
export function ratioChartSvg({ title, series, groups }) {
  for (const { label, bars } of groups) {
    for (const { series: name, ratio } of bars) {
      if (!(ratio > 0 && Number.isFinite(ratio))) throw new RangeError(`ratioChartSvg: ratio ${ratio} of ${name} in ${label} is not a positive finite number`);
      if (!series.includes(name)) throw new RangeError(`ratioChartSvg: ${name} in ${label} is not one of the series`);
    }
  }
  const ratios = groups.flatMap((group) => group.bars.map((bar) => bar.ratio));
  const [low, high] = decades(ratios);
  const plotLeft = layout.labelWidth;
  const plotWidth = layout.width - layout.labelWidth - layout.valueWidth;
  const x = (ratio) => plotLeft + ((Math.log10(ratio) - low) / (high - low)) * plotWidth;
  const legendColumns = 3;
  const legendHeight = Math.ceil(series.length / legendColumns) * layout.legendRow;
  const plotTop = layout.top + legendHeight + 10;
  const colour = (name) => palette[series.indexOf(name) % palette.length];

  const parts = [];
  let y = plotTop;
  for (const { label, bars } of groups) {
    const ordered = [...bars].sort((a, b) => series.indexOf(a.series) - series.indexOf(b.series));
    const groupHeight = ordered.length * (layout.barHeight + layout.barGap);
    parts.push(`<text x="${plotLeft - 8}" y="${round(y + groupHeight / 2 + 4)}" text-anchor="end" class="group">${escapeXml(label)}</text>`);
    for (const { series: name, ratio } of ordered) {
      const [from, to] = [x(Math.min(ratio, 1)), x(Math.max(ratio, 1))];
      const width = Math.max(to - from, 1);
      parts.push(
        `<rect x="${round(from)}" y="${round(y)}" width="${round(width)}" height="${layout.barHeight}" fill="${colour(name)}"><title>${escapeXml(`${label}, ${name}: ${formatRatio(ratio)}`)}</title></rect>`,
      );
      const valueX = ratio >= 1 ? to + 4 : from - 4;
      parts.push(`<text x="${round(valueX)}" y="${round(y + layout.barHeight - 2)}" text-anchor="${ratio >= 1 ? "start" : "end"}" class="value">${formatRatio(ratio)}</text>`);
      y += layout.barHeight + layout.barGap;
    }
    y += layout.groupGap;
  }
  const plotBottom = y - layout.groupGap + 4;
  const axis = [];
  for (let power = low; power <= high; power++) {
    const at = round(x(10 ** power));
    axis.push(`<line x1="${at}" y1="${plotTop - 4}" x2="${at}" y2="${round(plotBottom)}" class="${power === 0 ? "loop" : "grid"}"/>`);
    axis.push(`<text x="${at}" y="${round(plotBottom + 14)}" text-anchor="middle" class="tick">${power >= 0 ? 10 ** power : (10 ** power).toFixed(-power)}×</text>`);
  }
  const legend = series.map((name, i) => {
    const lx = 10 + (i % legendColumns) * Math.floor((layout.width - 20) / legendColumns);
    const ly = layout.top + Math.floor(i / legendColumns) * layout.legendRow;
    return `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${colour(name)}"/><text x="${lx + 14}" y="${ly}" class="legend">${escapeXml(name)}</text>`;
  });
  const height = round(plotBottom + layout.axisHeight);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" font-family="sans-serif">`,
    "<style>.group{font-size:12px}.value,.tick{font-size:10px;fill:#333}.legend{font-size:11px}.grid{stroke:#ddd}.loop{stroke:#000;stroke-width:1.5}</style>",
    `<rect width="${layout.width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...legend,
    ...axis,
    ...parts,
    `<text x="${round(plotLeft + plotWidth / 2)}" y="${round(plotBottom + 27)}" text-anchor="middle" class="tick">× the hand-written loop (log scale; left of the black line is faster)</text>`,
    "</svg>",
    "",
  ].join("\n");
}

/** The whole powers of ten around `ratios`, 1 always included. */
function decades(ratios) {
  const logs = [0, ...ratios.map(Math.log10)];
  return [Math.floor(Math.min(...logs)), Math.max(Math.ceil(Math.max(...logs)), Math.floor(Math.min(...logs)) + 1)];
}

export function formatRatio(ratio) {
  if (ratio >= 100) return `${ratio.toFixed(0)}×`;
  if (ratio >= 0.1) return `${ratio.toFixed(2)}×`;
  return `${ratio.toPrecision(2)}×`;
}

export function escapeXml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function round(value) {
  return Math.round(value * 10) / 10;
}
