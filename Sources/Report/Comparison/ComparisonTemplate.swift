/// The page of `rnnreport compare`: the single-run page's head and styles
/// (``ReportTemplate/builtInHead``), with a body and a few styles of its own.
///
/// Values (besides the head's `title` and `version`):
///   title, version, generated (empty unless SOURCE_DATE_EPOCH is set), runCount
///   runs[]                 label, origin (the path given), source, number, color, darkColor
///   bestSentence           a sentence naming the run with the lowest mean loss over its last 50
///                          steps (or held-out MSE, when every run has one), or saying why none is
///                          ranked (losses in different units); empty if neither
///   results, differing     tables: header[] (text, numeric, ranking), rows[] (label, source
///                          (results only), color, darkColor, best, cells[] (text, numeric,
///                          ranking)); ranking marks the column the runs are ranked by; differing
///                          is empty when every setting is shared
///   resultsNote            why some runs have no verdict (runs on a CSV series); empty if all have
///   shared                 the settings every run shares, as text
///   unrecorded             the settings no run's metrics record, as text; empty for none
///   loss                   the figure of the losses: stem, number, title, caption, svg, darkSVG,
///                          svgFile, darkSVGFile, pngFile
///   tails[]                one figure per run, as loss
enum ComparisonTemplate {
    static let source = ReportTemplate.builtInHead + body

    private static let body = #"""
<main>
<style>
  .swatch { display: inline-block; width: .8em; height: .8em; border-radius: .15em; margin-right: .4em; vertical-align: -.05em; background: var(--swatch); }
  @media (prefers-color-scheme: dark) { .swatch { background: var(--swatch-dark); } }
  tr.best td:first-child, tr.best td.ranking { font-weight: 600; }
  small.source { color: var(--muted); font-weight: 400; }
  .run-name { white-space: nowrap; }
  th { white-space: normal; }
  td.numeric, th.numeric { text-align: right; }
  /* A number stays on one line; a heading wraps, so that the table fits the window. */
  td.numeric { white-space: nowrap; }
  .tails { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 0 1.25rem; }
  .tails figure { margin: .75rem 0 1.25rem; }
  .tails figcaption { font-size: .85rem; }
  ol.runs { padding-left: 1.4rem; }
  ol.runs li { margin: .2rem 0; }
</style>
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
  {{! A column per measure: as wide as the window allows (.table-wrap.wide). }}
  <div class="table-wrap wide results">
  <table>
    <thead><tr>{{#header}}<th{{#numeric}} class="numeric"{{/numeric}}>{{text}}</th>{{/header}}</tr></thead>
    <tbody>
    {{#rows}}
      <tr{{#best}} class="best"{{/best}}><td><span class="run-name"><span class="swatch" style="--swatch: {{color}}; --swatch-dark: {{darkColor}}"></span>{{label}}</span>{{#best}} (best){{/best}}{{#source}}<br><small class="source">{{source}}</small>{{/source}}</td>{{#cells}}<td class="{{#numeric}}numeric num{{/numeric}}{{#ranking}} ranking{{/ranking}}">{{text}}</td>{{/cells}}</tr>
    {{/rows}}
    </tbody>
  </table>
  </div>
  {{/results}}
  {{#resultsNote}}<p>{{resultsNote}}</p>{{/resultsNote}}
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
  {{^differing}}{{^unrecorded}}
  <p>Every run has the same settings.</p>
  {{/unrecorded}}{{/differing}}
  {{#shared}}<p>The same in every run: <code>{{shared}}</code>.</p>{{/shared}}
  {{#unrecorded}}<p>Not recorded in any run's metrics: <code>{{unrecorded}}</code>.</p>{{/unrecorded}}
</section>

<section aria-labelledby="figures">
  <h2 id="figures">Loss</h2>
  {{#loss}}
\#(ReportTemplate.builtInFigure)
  {{/loss}}
</section>

<section aria-labelledby="predictions">
  <h2 id="predictions">Predictions over the last windows</h2>
  <div class="tails">
  {{#tails}}
\#(ReportTemplate.builtInFigure)
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
}
