// Named keys ("F2", "Alt+3", "Ctrl+S") as the shell, the screens and the status bar say them.

export type KeyLike = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** "F2", "Alt+3", "Ctrl+S": does the key event press exactly this? */
export function matchesKey(e: KeyLike, key: string): boolean {
  const parts = key.split('+');
  const main = parts.pop() ?? '';
  const want = new Set(parts.map((p) => p.toLowerCase()));
  return e.key.toLowerCase() === main.toLowerCase() && e.altKey === want.has('alt') && (e.ctrlKey || e.metaKey) === want.has('ctrl') && e.shiftKey === want.has('shift');
}
