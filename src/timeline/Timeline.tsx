/** Placeholder until the canvas timeline lands. */
export function Timeline() {
  return <div className="placeholder">Timeline</div>;
}
