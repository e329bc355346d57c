/// The report's style sheet, inlined in the page so it needs nothing from the network.
///
/// Local fonts only: a system font, else DejaVu or Noto, which carry Arabic.
enum ReportStyle {
  static let css = """
    :root { --ink: #1d2330; --muted: #5b6472; --rule: #d9dde3; --accent: #1f5fbf; --chart: #2463c9;
      --method: #4263eb; --response: #2f9e44; --region: #e8590c; --conflict: #c0392b;
      --conflict-bg: #fdecea; --target: #fff4c2; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1040px; padding: 24px; color: var(--ink); background: #fff;
      font: 15px/1.45 system-ui, "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", sans-serif; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
    h3 { font-size: 16px; margin: 20px 0 6px; }
    p.state, p.note, .meta { color: var(--muted); }
    nav { display: flex; flex-wrap: wrap; gap: 4px 14px; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    .summary { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 14px 0; padding: 0; list-style: none; }
    .summary b { display: block; font-size: 24px; }
    figure { margin: 8px 0; overflow-x: auto; }
    svg.chart { display: block; max-width: 100%; height: auto; font-size: 11px; }
    svg .axis { stroke: #8a93a0; stroke-width: 1; }
    svg .grid { stroke: #eceef1; stroke-width: 1; }
    svg text { fill: var(--muted); }
    svg text.lane { fill: var(--ink); font-weight: 600; font-size: 12px; }
    svg text.label { fill: var(--ink); text-anchor: middle; }
    svg rect.meeting { fill: var(--chart); stroke: var(--chart); stroke-width: 1.5; }
    svg rect.meeting.virtual { fill: #fff; stroke-dasharray: 3 2; }
    svg rect.meeting.conflicted { stroke: var(--conflict); stroke-width: 2.5; }
    svg line.step { stroke: var(--chart); stroke-width: 2; }
    svg line.step.lower, svg line.step.upper, svg line.step.approximate { stroke-dasharray: 5 3; }
    svg line.step.carried { stroke-opacity: .35; }
    svg .mark { fill: var(--chart); stroke: var(--chart); stroke-width: 1.5; }
    svg .mark.approximate { fill: #fff; }
    svg .bound { stroke: var(--chart); stroke-width: 1.5; fill: none; }
    svg .mark.conflicted { stroke: var(--conflict); stroke-width: 2.5; }
    svg rect.bar.method { fill: var(--method); } svg rect.bar.response { fill: var(--response); }
    svg rect.bar.region { fill: var(--region); }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 3px 0 6px; }
    .swatch.method { background: var(--method); } .swatch.response { background: var(--response); }
    .swatch.region { background: var(--region); }
    .legend { display: flex; flex-wrap: wrap; gap: 18px; color: var(--muted); font-size: 13px; }
    .legend svg { vertical-align: middle; margin-right: 4px; }
    table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
    th, td { border-bottom: 1px solid var(--rule); padding: 4px 10px 4px 0; text-align: start;
      vertical-align: top; }
    th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; }
    table.meetings td:nth-child(2), table.points td:first-child { white-space: nowrap; }
    /* Chairs are a few ISO codes: broken one a line they read as a list of rows. */
    table.meetings td.chairs, td.time { white-space: nowrap; }
    td.conflict { background: var(--conflict-bg); box-shadow: inset 3px 0 var(--conflict); padding-left: 6px; }
    a.flag { color: var(--conflict); font-weight: 700; }
    .badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; background: #e8eefb; }
    .badge.virtual { background: #fff; border: 1px dashed var(--chart); }
    .badge.retracted, .badge.superseded { background: #f3f4f6; color: var(--muted); }
    table.grid td, table.grid th { text-align: center; padding: 2px 6px; }
    table.grid th.theme { font-size: 11px; text-transform: none; writing-mode: vertical-rl;
      transform: rotate(180deg); text-align: start; padding: 6px 2px; white-space: nowrap; }
    table.grid th.row { text-transform: none; font-size: 13px; text-align: start; white-space: nowrap; }
    table.grid td.hit a { color: var(--accent); font-size: 16px; }
    article.document { border-top: 1px solid var(--rule); padding: 6px 0; }
    article.document.retracted h3, article.document.superseded h3 { color: var(--muted); }
    ol.evidence { margin: 4px 0; padding-inline-start: 22px; }
    ol.evidence .field { display: inline-block; min-width: 64px; color: var(--muted); font-size: 12px; }
    q { quotes: "\\201C" "\\201D"; background: #f6f7f9; padding: 0 3px; }
    .range { color: var(--muted); font-size: 12px; }
    :target { background: var(--target); outline: 2px solid #f0b400; }
    code { font-size: 12px; }
    footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
    /* Long ids and links break rather than push the page sideways (in a table cell only
       where a line would overflow: "anywhere" there would narrow columns to a letter). */
    code, .meta { overflow-wrap: anywhere; }
    td, q, .text { overflow-wrap: break-word; }
    figure.narrow { display: none; }
    figure.narrow svg text.label { font-size: 12px; }
    svg.chart a:focus rect, svg.chart a:focus .mark { stroke: #f0b400; stroke-width: 3; }
    table.meetings td.themes a { white-space: nowrap; }
    /* Chromium counts break-word into a table column's narrowest width, so places and ids
       broke inside a word ("Copenha|gen"): in the meetings table they wrap at spaces only. */
    table.meetings td { overflow-wrap: normal; }
    /* Phones: the timeline drawn for the width, tables as stacked cards (each cell with its
       column's name), wide charts scrolled inside their box, never the page. */
    @media (max-width: 640px) {
      body { padding: 12px; font-size: 15px; }
      h1 { font-size: 22px; }
      figure.wide { display: none; }
      figure.narrow { display: block; }
      svg.chart.steps, svg.chart.bars { max-width: none; }
      table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack tbody th { display: block;
        width: 100%; }
      table.stack thead { display: none; }
      table.stack tr { border-bottom: 1px solid var(--rule); padding: 6px 0; }
      table.stack td { border: 0; padding: 1px 0; overflow-wrap: break-word; }
      table.stack td[data-label]::before { content: attr(data-label); display: inline-block; min-width: 6.5em;
        color: var(--muted); font-size: 12px; text-transform: uppercase; }
      table.stack td:empty { display: none; }
      table.meetings td:nth-child(2) br { display: none; }
    }
    """
}
