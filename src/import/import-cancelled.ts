/** Thrown by every reader and scan when the import's AbortSignal fires (the user cancelled). */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}
