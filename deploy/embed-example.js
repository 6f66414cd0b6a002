// The embedding example's script (deploy/embed-example.html), in a file of its own so that the
// page also runs under a Content-Security-Policy without inline scripts (deploy/nginx.conf sends
// script-src 'self' with every file it serves). Serve it beside the page.
const params = new URLSearchParams(location.search);
const viewerUrl = new URL(params.get('viewer') || '../viewer/?embed=1', location.href);
const frame = document.getElementById('viewer');
const status = document.getElementById('status');
frame.src = viewerUrl.href;
const target = viewerUrl.origin;
let ready = false;

// 1. PING until the viewer answers PONG.
const ping = setInterval(() => frame.contentWindow.postMessage({ type: 'atv:ping' }, target), 250);
window.addEventListener('message', (e) => {
  if (e.origin !== target || e.source !== frame.contentWindow) return;
  if (e.data && e.data.type === 'atv:pong' && !ready) {
    ready = true;
    clearInterval(ping);
    status.textContent = 'viewer ready';
  }
  if (e.data && e.data.type === 'atv:opened')
    status.textContent = e.data.ok ? 'opened' : 'not opened: ' + e.data.error;
});

// 2. Send the bytes (transferred, not copied), a title and a file name; `state` may carry
//    a link's view ("atv1=…" from the viewer's Copy link) and `url` may replace `buffer`.
function send(buffer, fileName) {
  if (!ready) return void (status.textContent = 'the viewer has not answered yet');
  frame.contentWindow.postMessage(
    { type: 'atv:open', buffer, fileName, title: 'CI run ' + fileName },
    target,
    [buffer],
  );
}
document.getElementById('file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (f) send(await f.arrayBuffer(), f.name);
});
document.getElementById('sample').addEventListener('click', () => {
  const events = [];
  for (let i = 0; i < 50; i++)
    events.push({ name: 'step ' + i, ph: 'X', ts: i * 1000, dur: 800, pid: 1, tid: 1 });
  send(new TextEncoder().encode(JSON.stringify({ traceEvents: events })).buffer, 'ci-run.json');
});
