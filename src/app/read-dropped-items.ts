/**
 * Collects Files with their relative paths from a drop (folders walked through the File System
 * entries API) or from an `<input type=file>` (webkitRelativePath for folder inputs).
 */
export interface PickedFile {
  path: string;
  file: File;
}

export function filesFromInput(list: FileList | null): PickedFile[] {
  if (!list) return [];
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items)) {
    const e = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    if (e) entries.push(e);
  }
  if (entries.length === 0) return filesFromInput(dt.files);
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) =>
        (entry as FileSystemFileEntry).file(res, rej),
      );
      out.push({ path, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) =>
          reader.readEntries(res, rej),
        );
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, path);
      }
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

/** A name for what was opened: the common top folder, or the single file's name. */
export function describePicked(files: PickedFile[]): string {
  if (files.length === 0) return '';
  const tops = new Set(files.map((f) => f.path.split('/')[0]));
  if (tops.size === 1) return [...tops][0]!;
  return `${files.length} files`;
}
