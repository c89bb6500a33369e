/**
 * The whole web UI: one static page, no build step. It renders `/api/overview` and re-reads it whenever
 * `/api/events` reports something (and every few seconds, so stale services turn red without an event).
 * All text goes in through `textContent`, never `innerHTML`, because labels and errors come from the network.
 */
export const DASHBOARD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NEO dashboard</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0 auto; padding: 1rem 1.5rem; max-width: 1200px; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  #meta { color: #888; font-size: .85rem; }
  #summary span { display: inline-block; margin: .5rem .5rem 0 0; padding: .25rem .6rem; border-radius: 1rem; background: #8882; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #8884; vertical-align: top; }
  th { font-weight: 600; }
  .up, .ok, .inactive { color: #2a9d3a; }
  .degraded, .pending { color: #c98a00; }
  .down, .fail, .firing { color: #d33; font-weight: 600; }
  .empty { color: #888; font-style: italic; }
  #log { font-family: ui-monospace, monospace; font-size: .8rem; max-height: 14rem; overflow: auto; background: #8881; padding: .5rem; }
  #conn.live { color: #2a9d3a; } #conn.lost { color: #d33; }
</style>
</head>
<body>
<h1>NEO dashboard</h1>
<div id="meta">bus <b id="bus">?</b> &middot; updated <span id="generated">never</span> &middot; live <b id="conn">connecting</b></div>
<div id="summary"></div>
<h2>Services</h2><table id="services"></table>
<h2>Targets</h2><table id="targets"></table>
<h2>Checks</h2><table id="checks"></table>
<h2>Alerts</h2><table id="alerts"></table>
<h2>Live events</h2><div id="log"></div>
<script>
(function () {
  'use strict';
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function labels(map) {
    return Object.keys(map || {}).sort().map(function (k) { return k + '=' + map[k]; }).join(', ');
  }
  function table(id, headers, rows, empty) {
    var t = document.getElementById(id);
    t.replaceChildren();
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', h)); });
    t.appendChild(head);
    if (rows.length === 0) {
      var tr = el('tr'); var td = el('td', empty, 'empty'); td.colSpan = headers.length; tr.appendChild(td); t.appendChild(tr);
      return;
    }
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c) { tr.appendChild(Array.isArray(c) ? el('td', c[0], c[1]) : el('td', c)); });
      t.appendChild(tr);
    });
  }
  function render(o) {
    document.getElementById('bus').textContent = o.bus;
    document.getElementById('generated').textContent = new Date(o.generatedAt).toLocaleTimeString();
    var s = o.summary, summary = document.getElementById('summary');
    summary.replaceChildren(
      el('span', 'services up ' + s.servicesUp + ' / down ' + s.servicesDown, s.servicesDown ? 'down' : 'up'),
      el('span', 'targets up ' + s.targetsUp + ' / down ' + s.targetsDown, s.targetsDown ? 'down' : 'up'),
      el('span', 'checks failing ' + s.checksFailing, s.checksFailing ? 'fail' : 'ok'),
      el('span', 'alerts firing ' + s.alertsFiring + ' / pending ' + s.alertsPending, s.alertsFiring ? 'firing' : s.alertsPending ? 'pending' : 'ok'));
    table('services', ['service', 'instance', 'status', 'last heartbeat', 'components'], o.services.map(function (x) {
      return [x.service, x.instance, [x.status + (x.reason ? ' (' + x.reason + ')' : ''), x.status],
        new Date(x.lastHeartbeat).toLocaleTimeString(),
        x.components.map(function (c) { return c.name + ': ' + c.status + (c.message ? ' (' + c.message + ')' : ''); }).join('; ')];
    }), 'no heartbeats yet');
    table('targets', ['job', 'instance', 'health', 'last scrape', 'error'], o.targets.map(function (x) {
      return [x.job, x.instance, [x.health, x.health], new Date(x.lastScrape).toLocaleTimeString(), x.lastError || ''];
    }), 'no target reports yet');
    table('checks', ['check', 'target', 'result', 'status', 'duration', 'started', 'error'], o.checks.map(function (x) {
      return [x.name, x.target, [x.success ? 'ok' : 'failing', x.success ? 'ok' : 'fail'], x.statusCode === null ? '' : x.statusCode,
        (x.durationSeconds * 1000).toFixed(0) + ' ms', new Date(x.startedAt).toLocaleTimeString(), x.error || ''];
    }), 'no check results yet');
    table('alerts', ['alert', 'state', 'labels', 'summary', 'value', 'active since'], o.alerts.map(function (x) {
      return [x.rule, [x.state, x.state], labels(x.labels), x.annotations.summary || x.annotations.description || '', x.value,
        new Date(x.activeAt).toLocaleString()];
    }), 'no active alerts');
  }
  var pending = null;
  function refresh() {
    pending = null;
    fetch('api/overview', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(render).catch(function () {});
  }
  function soon() { if (!pending) pending = setTimeout(refresh, 250); }
  var log = document.getElementById('log');
  function note(channel, env) {
    var p = env.payload || {};
    var what = p.service || p.name || p.rule || p.job || '';
    var how = p.status || p.health || p.state || (p.success === undefined ? '' : p.success ? 'ok' : 'failing');
    log.prepend(el('div', new Date(env.time).toLocaleTimeString() + '  ' + channel + '  ' + what + '  ' + how));
    while (log.childNodes.length > 100) log.removeChild(log.lastChild);
  }
  var conn = document.getElementById('conn');
  var source = new EventSource('api/events');
  source.onopen = function () { conn.textContent = 'connected'; conn.className = 'live'; refresh(); };
  source.onerror = function () { conn.textContent = 'reconnecting'; conn.className = 'lost'; };
  ['neo.service.heartbeat.v1', 'neo.target.health.v1', 'neo.check.result.v1', 'neo.alert.state.v1'].forEach(function (channel) {
    source.addEventListener(channel, function (e) {
      try { var env = JSON.parse(e.data); if (channel !== 'neo.service.heartbeat.v1') note(channel, env); } catch (err) { return; }
      soon();
    });
  });
  refresh();
  setInterval(refresh, 5000);
})();
</script>
</body>
</html>
`;
