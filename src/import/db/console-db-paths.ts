/** The db files the SQL console attaches for a profile (the browser's SQL view and `query`). */
export function consoleDbPaths(p: {
  inputs: readonly { path: string; status: string }[];
}): string[] {
  return p.inputs
    .filter((i) => /\.(db|dat)$/i.test(i.path) && i.status === 'read')
    .map((i) => i.path);
}
