/**
 * @module serve/dashboard/assets
 * The dashboard's only client code and style, served by the same process (`/assets/…`): no CDN, no
 * build step. Kept as strings in a module so they ship in dist/ with the compiled code. The script
 * re-queries /v1/picks when a filter changes and redraws the table with textContent (never HTML
 * from data).
 */

export const PICKS_JS = `'use strict';
(function () {
  var form = document.getElementById('picks-filter');
  if (!form) return;
  var body = document.getElementById('picks-body');
  var count = document.getElementById('picks-count');
  var pct = function (x) { return (x * 100).toFixed(1) + '%'; };
  var fix = function (x, d) { return Number(x).toFixed(d); };
  function query() {
    var p = new URLSearchParams();
    p.set('date', form.elements.date.value);
    if (form.elements.sport.value) p.set('sport', form.elements.sport.value);
    p.set('min_edge', String(Number(form.elements.min_edge.value) / 100));
    p.set('min_confidence', String(Number(form.elements.min_confidence.value) / 100));
    var markets = Array.prototype.filter.call(form.querySelectorAll('input[name=market]'), function (i) { return i.checked; }).map(function (i) { return i.value; });
    p.set('markets', markets.join(','));
    return p;
  }
  function cell(tr, text, cls) { var td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); }
  function render(report) {
    body.textContent = '';
    report.picks.forEach(function (pk) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-market', pk.market);
      cell(tr, pk.sport); cell(tr, pk.away_team_id + ' @ ' + pk.home_team_id); cell(tr, pk.market); cell(tr, pk.side);
      cell(tr, fix(pk.price, 2), 'num'); cell(tr, pct(pk.probability), 'num'); cell(tr, fix(pk.fair_price, 2), 'num');
      cell(tr, pct(pk.edge), 'num'); cell(tr, pct(pk.ev), 'num'); cell(tr, pct(pk.kelly_stake), 'num'); cell(tr, pk.book || '');
      body.appendChild(tr);
    });
    count.textContent = report.picks.length + ' picks on ' + report.date + ' (' + report.games + ' games, ' + report.skipped.length + ' skipped)';
  }
  function refresh() {
    var p = query();
    if (!p.get('markets')) { body.textContent = ''; count.textContent = 'choose at least one market'; return; }
    count.textContent = 'loading…';
    fetch('/v1/picks?' + p.toString(), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error ? j.error.message : r.statusText); return j; }); })
      .then(function (j) { render(j); history.replaceState(null, '', '/?' + p.toString()); })
      .catch(function (e) { count.textContent = 'error: ' + e.message; });
  }
  form.addEventListener('change', refresh);
  form.addEventListener('submit', function (e) { e.preventDefault(); refresh(); });
})();
`;

export const STYLE_CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#16202e;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}header a{color:#cfe0ff;text-decoration:none}header a.on{color:#fff;font-weight:600}
header .brand{font-weight:700;font-size:16px;color:#fff}main{padding:16px 24px;max-width:1200px}
h1{font-size:20px;margin:8px 0 12px}h2{font-size:16px;margin:20px 0 8px}
table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:12px}th,td{padding:4px 8px;border-bottom:1px solid #e3e6ea;text-align:left}
th{background:#eef1f5;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#5a6472;font-size:13px}.bad{color:#b42318;font-weight:600}.good{color:#067647;font-weight:600}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;background:#fff;padding:10px;border:1px solid #e3e6ea;margin-bottom:12px}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#5a6472}form.filters fieldset{border:0;padding:0;margin:0;display:flex;gap:8px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:12px}.chart{background:#fff;border:1px solid #e3e6ea;padding:8px}
.chart svg{max-width:100%;height:auto}
`;
