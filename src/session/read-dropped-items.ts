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

export interface DropResult {
  files: PickedFile[];
  /** Entries that could not be read (permissions, vanished files), with the reason. */
  unreadable: { path: string; reason: string }[];
  /** Name of what was dropped (the folder or file), for messages about an empty drop. */
  name: string;
}

/**
 * Walks a drop. One unreadable file or folder is recorded and skipped, never fatal: the rest of
 * the drop still opens.
 */
export async function filesFromDrop(dt: DataTransfer): Promise<DropResult> {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items)) {
    const e = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    if (e) entries.push(e);
  }
  const name = entries[0]?.name ?? dt.files[0]?.name ?? '';
  if (entries.length === 0) return { files: filesFromInput(dt.files), unreadable: [], name };
  const out: PickedFile[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    try {
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
    } catch (e) {
      unreadable.push({ path, reason: e instanceof Error ? e.message || e.name : String(e) });
    }
  };
  for (const e of entries) await walk(e, '');
  return { files: out, unreadable, name };
}

/** A name for what was opened: the common top folder, or the single file's name. */
export function describePicked(files: PickedFile[]): string {
  if (files.length === 0) return '';
  const tops = new Set(files.map((f) => f.path.split('/')[0]));
  if (tops.size === 1) return [...tops][0]!;
  return `${files.length} files`;
}
