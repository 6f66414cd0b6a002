/** What a first-time visitor sees when nothing is open (e.g. `?demo=0`). */
export function EmptyState() {
  return (
    <main className="empty-state">
      <h1>Open a profile</h1>
      <p>
        Drop an <code>ASCEND_PROFILER_OUTPUT</code> folder, a <code>*_ascend_pt</code> folder, a
        folder of several ranks or runs, a <code>.zip</code> of one, or any Chrome trace{' '}
        <code>.json</code> / <code>.json.gz</code> anywhere on this page — or use{' '}
        <em>Open folder</em> / <em>Open files</em>.
      </p>
      <p className="muted">Everything is read in your browser. Nothing is uploaded.</p>
    </main>
  );
}
