// The built-in report template, generated from templates/report.html.mustache by
// scripts/embed-template: edit the template, then run the script. ReportTemplateTests checks
// that the two are the same.

let defaultReportTemplate = #"""
<!DOCTYPE html>
{{!
  The page `rnnreport generate` writes. Copy this file, edit it, and pass it with --template FILE.

  A value in double braces is HTML-escaped; triple braces insert it as it is, and are used only for
  the figures' SVG, which rnnreport draws itself. The running texts verdict, omissions and caption
  also come as verdictParts[], omissionsParts[] and captionParts[]: each the text (text) up to an
  option's name (option, absent after the last), to be marked <code class="flag"> like the
  tables' flags, so that a name such as --learning-rate does not break at its hyphens. Values:
    title, version, generated (empty unless SOURCE_DATE_EPOCH is set), converged (true/false)
    architecture                     the network in words (empty when a metrics file does not say)
    task                             what it was trained to do, in words
    data                             for a run on a CSV series: file, shape, columns, split, scaling,
                                     header[] (name), firstRows[] (cells[]: value), hasFirstRows
    verdict                          one sentence on the outcome: whether a sin→cos run converged,
                                     the errors of a run on a CSV series
    verdictTone                      good, bad or neutral (a CSV run's errors, stated without a judgement)
    summary[]                        label, value, detail
    recordsLearningRate              true/false: whether the run recorded its learning rate
    rateChanges[]                    step, from, to   (hasRateChanges: true/false, rateChangeCount)
    hyperparameters[]                key (as in metrics.json), flag (on the command line), value, meaning
                                     (hasHyperparameters: false for a run made elsewhere)
    origin                           set only for a run made elsewhere (generate --metrics): file,
                                     source, initWeights, omissions (what the file does not record)
    writtenConfig[]                  the config of a run made elsewhere, as written: key, value,
                                     flag (empty for a key rnnreport does not know), meaning
                                     (hasWrittenConfig: true/false)
    figures[]                        stem, number, title, caption, svg and darkSVG (inline markup,
                                     light and dark colours), svgFile, darkSVGFile, pngFile (empty
                                     when that format was not written)
    files[]                          name, description
    baseline                         only with --baseline DIR: origin, source, header[] (text),
                                     rows[] (label, cells[] (text)), hasTable (true when the
                                     losses compare), unlike (instead: why they do not, as a
                                     sentence), settings (those that differ, if any),
                                     lossFigure[] and tailFigures[] (as figures[])
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
  /* An option's name (--learning-rate) is one word: never broken at its hyphens. */
  code.flag { white-space: nowrap; }
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
  /* A table of many columns (a sweep's configurations, a comparison's results) may be wider than
     the text: it takes what it needs up to the window's width less the page's margins, centred on
     the page, and scrolls sideways only in a window narrower than that. */
  .table-wrap.wide { width: max-content; min-width: 100%; max-width: calc(100vw - 2.5rem); margin-left: 50%; transform: translateX(-50%); }
  table.data-rows { width: auto; }
  table.data-rows caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .3rem; }
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
</style>
</head>
<body>
<main>
<header>
  <h1>{{title}}</h1>
  {{#origin}}
  <p class="subtitle">The report of a run made elsewhere{{#architecture}}, a {{architecture}}{{/architecture}}, read from <code>{{file}}</code>{{#source}}, which says it was made by {{source}}{{/source}}.{{#initWeights}} Its initial weights came from <code>{{initWeights}}</code>.{{/initWeights}}{{#omissions}} {{#omissionsParts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/omissionsParts}}{{/omissions}}</p>
  {{/origin}}
  {{^origin}}
  <p class="subtitle">A {{architecture}} trained to {{task}}.</p>
  {{/origin}}
  <p class="verdict {{verdictTone}}">{{#verdictParts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/verdictParts}}</p>
</header>

<section aria-labelledby="summary">
  <h2 id="summary">Summary</h2>
  <dl class="summary">
  {{#summary}}
    <div><dt>{{label}}</dt><dd class="num">{{value}}{{#detail}}<small>{{detail}}</small>{{/detail}}</dd></div>
  {{/summary}}
  </dl>
  {{#recordsLearningRate}}
  {{#hasRateChanges}}
  <details>
    <summary>Learning-rate changes (ReduceLROnPlateau): {{rateChangeCount}}</summary>
    <ul class="changes">
    {{#rateChanges}}
      <li>from step <span class="num">{{step}}</span>: <span class="num">{{from}}</span> → <span class="num">{{to}}</span></li>
    {{/rateChanges}}
    </ul>
  </details>
  {{/hasRateChanges}}
  {{^hasRateChanges}}
  <p>The learning rate was never reduced.</p>
  {{/hasRateChanges}}
  {{/recordsLearningRate}}
</section>

{{#data}}
<section aria-labelledby="data">
  <h2 id="data">Data</h2>
  <p><code>{{file}}</code>: {{shape}}; {{columns}}. {{split}} {{scaling}}</p>
  {{#hasFirstRows}}
  <div class="table-wrap">
  <table class="data-rows">
    <caption>The first rows, as written in the file</caption>
    <thead><tr>{{#header}}<th>{{name}}</th>{{/header}}</tr></thead>
    <tbody>
    {{#firstRows}}
      <tr>{{#cells}}<td class="num">{{value}}</td>{{/cells}}</tr>
    {{/firstRows}}
    </tbody>
  </table>
  </div>
  {{/hasFirstRows}}
</section>
{{/data}}

<section aria-labelledby="figures">
  <h2 id="figures">Figures</h2>
  {{#figures}}
  <figure id="figure-{{stem}}">
    <div class="figure-light">{{{svg}}}</div>
    {{#darkSVG}}<div class="figure-dark">{{{darkSVG}}}</div>{{/darkSVG}}
    <figcaption>
      <strong>Figure {{number}}. {{title}}.</strong> {{#captionParts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/captionParts}}
      <span class="downloads">{{#svgFile}}<a href="{{svgFile}}">SVG</a>{{/svgFile}}{{#darkSVGFile}} · <a href="{{darkSVGFile}}">dark SVG</a>{{/darkSVGFile}}{{#pngFile}}{{#svgFile}} · {{/svgFile}}<a href="{{pngFile}}">PNG</a>{{/pngFile}}</span>
    </figcaption>
  </figure>
  {{/figures}}
</section>

{{#baseline}}
<section aria-labelledby="baseline">
  <h2 id="baseline">Against the baseline</h2>
  <p>The baseline is <code>{{origin}}</code>, made by {{source}}.{{#settings}} Settings that differ: <code>{{settings}}</code>.{{/settings}}</p>
  {{#unlike}}<p class="verdict">{{unlike}}</p>{{/unlike}}
  {{#hasTable}}
  <div class="table-wrap">
  <table>
    <thead><tr>{{#header}}<th>{{text}}</th>{{/header}}</tr></thead>
    <tbody>
    {{#rows}}
      <tr><td>{{label}}</td>{{#cells}}<td class="value num">{{text}}</td>{{/cells}}</tr>
    {{/rows}}
    </tbody>
  </table>
  </div>
  {{/hasTable}}
  {{#lossFigure}}
  <figure id="figure-{{stem}}">
    <div class="figure-light">{{{svg}}}</div>
    {{#darkSVG}}<div class="figure-dark">{{{darkSVG}}}</div>{{/darkSVG}}
    <figcaption>
      <strong>Figure {{number}}. {{title}}.</strong> {{#captionParts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/captionParts}}
      <span class="downloads">{{#svgFile}}<a href="{{svgFile}}">SVG</a>{{/svgFile}}{{#darkSVGFile}} · <a href="{{darkSVGFile}}">dark SVG</a>{{/darkSVGFile}}{{#pngFile}}{{#svgFile}} · {{/svgFile}}<a href="{{pngFile}}">PNG</a>{{/pngFile}}</span>
    </figcaption>
  </figure>
  {{/lossFigure}}
  <div style="display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 0 1.25rem;">
  {{#tailFigures}}
  <figure id="figure-{{stem}}">
    <div class="figure-light">{{{svg}}}</div>
    {{#darkSVG}}<div class="figure-dark">{{{darkSVG}}}</div>{{/darkSVG}}
    <figcaption>
      <strong>Figure {{number}}. {{title}}.</strong> {{#captionParts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/captionParts}}
      <span class="downloads">{{#svgFile}}<a href="{{svgFile}}">SVG</a>{{/svgFile}}{{#darkSVGFile}} · <a href="{{darkSVGFile}}">dark SVG</a>{{/darkSVGFile}}{{#pngFile}}{{#svgFile}} · {{/svgFile}}<a href="{{pngFile}}">PNG</a>{{/pngFile}}</span>
    </figcaption>
  </figure>
  {{/tailFigures}}
  </div>
</section>

{{/baseline}}
{{#hasHyperparameters}}
<section aria-labelledby="hyperparameters">
  <h2 id="hyperparameters">Hyperparameters</h2>
  <div class="table-wrap">
  <table>
    <thead><tr><th>Setting</th><th>Value</th><th class="meaning">Meaning</th></tr></thead>
    <tbody>
    {{#hyperparameters}}
      <tr><td><code class="flag">{{flag}}</code></td><td class="value num">{{value}}</td><td class="meaning">{{meaning}}</td></tr>
    {{/hyperparameters}}
    </tbody>
  </table>
  </div>
</section>
{{/hasHyperparameters}}
{{#hasWrittenConfig}}
<section aria-labelledby="configuration">
  <h2 id="configuration">Configuration</h2>
  <p>The <code>config</code> of the metrics file, key by key as it was written.</p>
  <div class="table-wrap">
  <table>
    <thead><tr><th>Key</th><th>Value</th><th class="meaning">Meaning</th></tr></thead>
    <tbody>
    {{#writtenConfig}}
      <tr><td><code>{{key}}</code></td><td class="value num">{{value}}</td><td class="meaning">{{meaning}}{{#flag}} (<code class="flag">{{flag}}</code>){{/flag}}</td></tr>
    {{/writtenConfig}}
    </tbody>
  </table>
  </div>
</section>
{{/hasWrittenConfig}}

<section aria-labelledby="files">
  <h2 id="files">Files</h2>
  <ul>
  {{#files}}
    <li><a href="{{name}}"><code>{{name}}</code></a>: {{description}}</li>
  {{/files}}
  </ul>
</section>

<footer>
  Made with rnnreport {{version}}{{#generated}} on {{generated}}{{/generated}}. The same options give the same files, byte for byte.
</footer>
</main>
</body>
</html>

"""#
