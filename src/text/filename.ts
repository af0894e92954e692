// The name a person gave a file, made safe to store, show and send back: a label, never a path.

export interface FilenameRules {
  /** The name when nothing is left (an empty name, `.` or `..`). */
  fallback: string;
  /** Longest name kept, in characters (the extension is kept when it is cut). */
  max: number;
}

/**
 * The last path segment only (`../../etc/passwd` → `passwd`, `C:\x\y.docx` → `y.docx`), without control, format
 * (bidi override, zero-width) characters or the characters no file system takes (`"*:<>?|`), spaces collapsed,
 * leading and trailing dots and spaces trimmed, at most `max` characters keeping the extension.
 */
export function safeFilename(raw: string | null | undefined, rules: FilenameRules): string {
  const lastSegment = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029"*:<>?|]/gu, '')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  if (cleaned === '') return rules.fallback;
  const characters = [...cleaned];
  if (characters.length <= rules.max) return cleaned;
  const extension = /\.[\p{L}\p{N}]{1,8}$/u.exec(cleaned)?.[0] ?? '';
  return `${characters.slice(0, rules.max - extension.length).join('')}${extension}`;
}
