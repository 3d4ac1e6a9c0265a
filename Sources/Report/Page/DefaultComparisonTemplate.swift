// The built-in comparison template, generated from templates/compare.html.mustache by
// scripts/embed-template: edit the template, then run the script. ReportTemplateTests checks
// that the two are the same.

let defaultComparisonTemplate = #"""
<!DOCTYPE html>
{{!
  The page `rnnreport compare` writes. Values:
    title, version, generated (empty unless SOURCE_DATE_EPOCH is set), runCount
    runs[]                 label, origin (the path given), source, number, color, darkColor
    bestSentence           a sentence naming the run with the lowest mean loss over its last 50
                           steps (empty if none)
    results, differing     tables: header[] (text, numeric), rows[] (label, source (results only),
                           color, darkColor, best, cells[] (text, numeric)); differing is empty
                           when every setting is shared
    shared                 the settings every run shares, as text
    loss                   the figure of the losses: stem, number, title, caption, svg, darkSVG,
                           svgFile, darkSVGFile, pngFile
    tails[]                one figure per run, as loss
}}
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rnnreport {{version}}">
<title>{{title}}</title>
<style>
  :root {
    --text: #1d2127; --muted: #5b6370; --rule: #d9dde3; --panel: #f6f7f9; --accent: #0b62a4;
    --good: #1a7f37; --bad: #b42318; --background: #fff;
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --text: #e6edf3; --muted: #9da7b3; --rule: #30363d; --panel: #161b22; --accent: #58a6ff;
      --good: #3fb950; --bad: #f85149; --background: #0d1117;
    }
  }
  * { box-sizing: border-box; }
  html { -webkit-text-size-adjust: 100%; }
  body {
    margin: 0; color: var(--text); background: var(--background);
    font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  }
  main { max-width: 64rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
  header { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: 1rem; }
  h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .35rem; letter-spacing: -.01em; }
  h2 { font-size: 1.2rem; margin: 2.25rem 0 .75rem; }
  .subtitle { color: var(--muted); margin: 0; }
  .verdict { font-weight: 600; margin: 1rem 0 0; }
  .verdict.good { color: var(--good); }
  .verdict.bad { color: var(--bad); }
  a { color: var(--accent); }
  code, .num { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; }
  .num { font-variant-numeric: tabular-nums; }
  .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .75rem; margin: 0; }
  .summary div { background: var(--panel); border-radius: .5rem; padding: .75rem .9rem; }
  .summary dt { color: var(--muted); font-size: .85rem; }
  .summary dd { margin: .15rem 0 0; font-size: 1.15rem; font-weight: 600; }
  .summary dd small { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
  figure { margin: 1.25rem 0 2rem; break-inside: avoid; page-break-inside: avoid; }
  figure svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: .35rem; }
  /* Each figure is inline twice, in light and dark colours; the page shows the one for its scheme. */
  .figure-dark { display: none; }
  @media screen and (prefers-color-scheme: dark) {
    .figure-light { display: none; }
    .figure-dark { display: block; }
  }
  figcaption { color: var(--muted); font-size: .95rem; margin-top: .6rem; }
  figcaption strong { color: var(--text); }
  .downloads { font-size: .85rem; white-space: nowrap; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
  th { font-weight: 600; color: var(--muted); font-size: .85rem; }
  td.value { white-space: nowrap; }
  .table-wrap { overflow-x: auto; }
  details { margin-top: 1rem; }
  summary { cursor: pointer; }
  ul.changes { margin: .5rem 0 0; padding-left: 1.2rem; columns: 2 18rem; }
  footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
  @media (max-width: 36rem) {
    main { padding: 1.25rem .9rem 2rem; }
    h1 { font-size: 1.4rem; }
    .meaning { display: none; }
  }
  @media print {
    :root { color-scheme: light; --text: #1d2127; --muted: #5b6370; --rule: #d9dde3; --panel: #f6f7f9; --background: #fff; }
    .figure-light { display: block; }
    .figure-dark { display: none; }
    body { font-size: 11pt; }
    main { max-width: none; padding: 0; }
    a { color: inherit; text-decoration: none; }
    .downloads { display: none; }
    h2 { break-after: avoid; page-break-after: avoid; }
  }
  .swatch { display: inline-block; width: .8em; height: .8em; border-radius: .15em; margin-right: .4em; vertical-align: -.05em; background: var(--swatch); }
  @media (prefers-color-scheme: dark) { .swatch { background: var(--swatch-dark); } }
  tr.best td { font-weight: 600; }
  small.source { color: var(--muted); font-weight: 400; }
  .run-name { white-space: nowrap; }
  th { white-space: normal; }
  td.numeric, th.numeric { text-align: right; white-space: nowrap; }
  .tails { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 0 1.25rem; }
  .tails figure { margin: .75rem 0 1.25rem; }
  .tails figcaption { font-size: .85rem; }
  ol.runs { padding-left: 1.4rem; }
  ol.runs li { margin: .2rem 0; }
</style>
</head>
<body>
<main>
<header>
  <h1>{{title}}</h1>
  <p class="subtitle">{{subtitle}}</p>
  {{#bestSentence}}<p class="verdict">{{bestSentence}}</p>{{/bestSentence}}
</header>

<section aria-labelledby="runs">
  <h2 id="runs">Runs</h2>
  <ol class="runs">
  {{#runs}}
    <li><span class="swatch" style="--swatch: {{color}}; --swatch-dark: {{darkColor}}"></span><strong>{{label}}</strong>: <code>{{origin}}</code>, made by {{source}}</li>
  {{/runs}}
  </ol>
</section>

<section aria-labelledby="results">
  <h2 id="results">Results</h2>
  {{#results}}
  <div class="table-wrap">
  <table>
    <thead><tr>{{#header}}<th{{#numeric}} class="numeric"{{/numeric}}>{{text}}</th>{{/header}}</tr></thead>
    <tbody>
    {{#rows}}
      <tr{{#best}} class="best"{{/best}}><td><span class="run-name"><span class="swatch" style="--swatch: {{color}}; --swatch-dark: {{darkColor}}"></span>{{label}}</span>{{#best}} (best){{/best}}{{#source}}<br><small class="source">{{source}}</small>{{/source}}</td>{{#cells}}<td class="{{#numeric}}numeric num{{/numeric}}">{{text}}</td>{{/cells}}</tr>
    {{/rows}}
    </tbody>
  </table>
  </div>
  {{/results}}
</section>

<section aria-labelledby="settings">
  <h2 id="settings">Settings that differ</h2>
  {{#differing}}
  <div class="table-wrap">
  <table>
    <thead><tr>{{#header}}<th{{#numeric}} class="numeric"{{/numeric}}>{{text}}</th>{{/header}}</tr></thead>
    <tbody>
    {{#rows}}
      <tr><td><span class="swatch" style="--swatch: {{color}}; --swatch-dark: {{darkColor}}"></span>{{label}}</td>{{#cells}}<td class="{{#numeric}}numeric num{{/numeric}}">{{text}}</td>{{/cells}}</tr>
    {{/rows}}
    </tbody>
  </table>
  </div>
  {{/differing}}
  {{^differing}}
  <p>Every run has the same settings.</p>
  {{/differing}}
  {{#shared}}<p>The same in every run: <code>{{shared}}</code>.</p>{{/shared}}
</section>

<section aria-labelledby="figures">
  <h2 id="figures">Loss</h2>
  {{#loss}}
  <figure id="figure-{{stem}}">
    <div class="figure-light">{{{svg}}}</div>
    {{#darkSVG}}<div class="figure-dark">{{{darkSVG}}}</div>{{/darkSVG}}
    <figcaption>
      <strong>Figure {{number}}. {{title}}.</strong> {{caption}}
      <span class="downloads">{{#svgFile}}<a href="{{svgFile}}">SVG</a>{{/svgFile}}{{#darkSVGFile}} · <a href="{{darkSVGFile}}">dark SVG</a>{{/darkSVGFile}}{{#pngFile}}{{#svgFile}} · {{/svgFile}}<a href="{{pngFile}}">PNG</a>{{/pngFile}}</span>
    </figcaption>
  </figure>
  {{/loss}}
</section>

<section aria-labelledby="predictions">
  <h2 id="predictions">Predictions over the last windows</h2>
  <div class="tails">
  {{#tails}}
  <figure id="figure-{{stem}}">
    <div class="figure-light">{{{svg}}}</div>
    {{#darkSVG}}<div class="figure-dark">{{{darkSVG}}}</div>{{/darkSVG}}
    <figcaption>
      <strong>Figure {{number}}. {{title}}.</strong> {{caption}}
      <span class="downloads">{{#svgFile}}<a href="{{svgFile}}">SVG</a>{{/svgFile}}{{#darkSVGFile}} · <a href="{{darkSVGFile}}">dark SVG</a>{{/darkSVGFile}}{{#pngFile}}{{#svgFile}} · {{/svgFile}}<a href="{{pngFile}}">PNG</a>{{/pngFile}}</span>
    </figcaption>
  </figure>
  {{/tails}}
  </div>
</section>

<footer>
  Made with rnnreport {{version}}{{#generated}} on {{generated}}{{/generated}}. The same runs and options give the same files, byte for byte.
</footer>
</main>
</body>
</html>
"""#
