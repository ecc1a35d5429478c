// digest serve: reloads the page after each rebuild and shows build errors
// over the last good page. Served only by `digest serve`, never published.
(function () {
  'use strict';
  if (!window.EventSource) return;
  var first = null;
  var overlay = null;

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  // The overlay is built with DOM calls and textContent only: the error
  // text comes from content files and must never become markup, and no
  // inline style attribute is needed, so a strict CSP holds.
  function show(message) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'digest-build-error';
      overlay.setAttribute('role', 'alert');
      Object.assign(overlay.style, {
        position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto',
        background: 'rgba(20,20,24,.94)', color: '#ffd7d7', padding: '2rem',
        font: '15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'
      });
      var h = document.createElement('h2');
      h.textContent = 'digest: the build failed';
      Object.assign(h.style, { color: '#ff8a8a', font: 'bold 1.4rem system-ui, sans-serif', margin: '0 0 .5rem' });
      var p = document.createElement('p');
      p.textContent = 'Fix the problem and save: the page reloads by itself. Until then the last good build is served (press Esc to look at it).';
      Object.assign(p.style, { color: '#ddd', margin: '0 0 1rem' });
      var pre = document.createElement('pre');
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', margin: '0' });
      overlay.append(h, p, pre);
    }
    overlay.lastChild.textContent = message;
    if (!overlay.isConnected) document.body.append(overlay);
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });

  var src = new EventSource('/_digest/events');
  src.addEventListener('build', function (e) {
    var s;
    try { s = JSON.parse(e.data); } catch (err) { return; }
    if (first === null) first = s.id;
    if (s.error) { show(s.error); return; }
    if (s.id !== first) { location.reload(); return; }
    hide();
  });
})();
