/// The page of `rnnreport sweep`: the single-run page's head and styles
/// (``ReportTemplate/builtInHead``), with a body of its own.
///
/// Values (besides the head's `title` and `version`):
///   verdict, good (true when the best configuration converged on every seed; on a CSV series,
///                    when it has a score), subtitle (and subtitleParts[]: text, option, as the
///                    single-run page's captionParts[])
///   judged           true on sin→cos: the table has a Converged column (a CSV series has no verdict)
///   seedNote         what a seed in red means, in a sentence
///   lastLossName     `last-50 loss`, or `last-20 loss` when the runs have 20 steps
///   caveat           what the verdict must be read with (losses of different quantities), in
///                    the page's own colour; empty for none
///   ranking          how the table is sorted, in a sentence
///   hasData          true on a CSV series: the table has train and held-out MSE columns
///   figures[]        as on the single-run page (``ReportTemplate/builtInFigure``)
///   axes[]           key, flag (the setting's option), values (text), meaning; the seeds last
///   tableAxes[]      flag: the swept settings, the columns of the table
///   fixed[]          flag, value, meaning: the settings every run shares
///   configurations[] rank, label, best (true for the first), values[] (text), converged, runs,
///                    allConverged, median, spread (min–max), bestSeed, worstSeed,
///                    trainMSE, holdoutMSE (medians across seeds, on a CSV series),
///                    runLinks[] (name, seed, failed)
///   files[]          name, description
enum SweepTemplate {
    static let source = ReportTemplate.builtInHead + body

    private static let body = #"""
<main>
<style>
  td.best { font-weight: 600; }
  tr.best td { background: var(--panel); }
  .runs a { margin-right: .35rem; }
  .runs a.failed { color: var(--bad); }
  .mark { color: var(--good); }
</style>
<header>
  <h1>{{title}}</h1>
  <p class="subtitle">{{#subtitleParts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/subtitleParts}}</p>
  <p class="verdict {{#good}}good{{/good}}{{^good}}bad{{/good}}">{{verdict}}</p>
  {{#caveat}}<p class="verdict">{{caveat}}</p>{{/caveat}}
</header>

<section aria-labelledby="configurations">
  <h2 id="configurations">Configurations, best first</h2>
  <p>{{ranking}} Each seed links to its run's <code>metrics.json</code>; {{seedNote}}</p>
  {{! A column per swept setting: as wide as the window allows (.table-wrap.wide). }}
  <div class="table-wrap wide configurations">
  <table>
    <thead><tr><th>#</th><th>Configuration</th>{{#tableAxes}}<th><code class="flag">{{flag}}</code></th>{{/tableAxes}}{{#judged}}<th>Converged</th>{{/judged}}{{#hasData}}<th>Train MSE</th><th>Held-out MSE</th>{{/hasData}}<th>Median {{lastLossName}}</th><th>Min – max</th><th>Best seed</th><th>Worst seed</th><th>Runs</th></tr></thead>
    <tbody>
    {{#configurations}}
      <tr{{#best}} class="best"{{/best}}><td class="num">{{rank}}</td><td><code>{{label}}</code>{{#best}} <span class="mark">★ best</span>{{/best}}</td>{{#values}}<td class="value num">{{.}}</td>{{/values}}{{#judged}}<td class="value num">{{converged}} / {{runs}}</td>{{/judged}}{{#hasData}}<td class="value num">{{trainMSE}}</td><td class="value num">{{holdoutMSE}}</td>{{/hasData}}<td class="value num">{{median}}</td><td class="value num">{{spread}}</td><td class="value num">{{bestSeed}}</td><td class="value num">{{worstSeed}}</td><td class="runs">{{#runLinks}}<a href="runs/{{name}}/metrics.json" title="{{name}}"{{#failed}} class="failed"{{/failed}}>{{seed}}</a>{{/runLinks}}</td></tr>
    {{/configurations}}
    </tbody>
  </table>
  </div>
</section>

<section aria-labelledby="figures">
  <h2 id="figures">Figures</h2>
  {{#figures}}
\#(ReportTemplate.builtInFigure)
  {{/figures}}
</section>

<section aria-labelledby="grid">
  <h2 id="grid">The grid</h2>
  <div class="table-wrap">
  <table>
    <thead><tr><th>Setting</th><th>Values</th><th class="meaning">Meaning</th></tr></thead>
    <tbody>
    {{#axes}}
      <tr><td><code class="flag">{{flag}}</code></td><td class="value num">{{values}}</td><td class="meaning">{{meaning}}</td></tr>
    {{/axes}}
    {{#fixed}}
      <tr><td><code class="flag">{{flag}}</code></td><td class="value num">{{value}}</td><td class="meaning">{{meaning}}</td></tr>
    {{/fixed}}
    </tbody>
  </table>
  </div>
</section>

<section aria-labelledby="files">
  <h2 id="files">Files</h2>
  <ul>
  {{#files}}
    <li><a href="{{name}}"><code>{{name}}</code></a>: {{description}}</li>
  {{/files}}
  </ul>
</section>

<footer>
  Made with rnnreport {{version}}. The same grid gives the same files, byte for byte, however many jobs or shards ran it.
</footer>
</main>
</body>
</html>

"""#
}
